package io.playball.auth.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureCounterTest {

    private final MovableClock clock = new MovableClock();
    private final FailureCounter counter = new FailureCounter(new FailureCounter.Policy(5, Duration.ofMinutes(15),
            Duration.ofSeconds(30), Duration.ofMinutes(15), 1000), clock);

    @Test
    void theLimitIsFreeAndEachFailureAfterItBlocksTwiceAsLong() {
        for (int i = 0; i < 4; i++) {
            counter.failed("ada");
            assertEquals(Optional.empty(), counter.blockedFor("ada"), "failure " + (i + 1) + " is free");
        }
        counter.failed("ada");
        assertEquals(Optional.of(Duration.ofSeconds(30)), counter.blockedFor("ada"));

        clock.move(Duration.ofSeconds(30));
        assertEquals(Optional.empty(), counter.blockedFor("ada"), "one more attempt once the block is over");
        counter.failed("ada");
        assertEquals(Optional.of(Duration.ofSeconds(60)), counter.blockedFor("ada"));
        clock.move(Duration.ofSeconds(60));
        counter.failed("ada");
        assertEquals(Optional.of(Duration.ofSeconds(120)), counter.blockedFor("ada"));
    }

    @Test
    void blocksStopGrowingAtTheCeiling() {
        for (int i = 0; i < 20; i++) {
            counter.failed("ada");
            clock.move(counter.blockedFor("ada").orElse(Duration.ZERO));
        }
        counter.failed("ada");
        assertEquals(Optional.of(Duration.ofMinutes(15)), counter.blockedFor("ada"));
    }

    @Test
    void aSuccessForgetsTheFailures() {
        for (int i = 0; i < 4; i++) {
            counter.failed("ada");
        }
        counter.succeeded("ada");
        for (int i = 0; i < 4; i++) {
            counter.failed("ada");
        }
        assertEquals(Optional.empty(), counter.blockedFor("ada"), "four failures since the success");
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        for (int i = 0; i < 4; i++) {
            counter.failed("ada");
        }
        clock.move(Duration.ofMinutes(16));
        counter.failed("ada");
        assertEquals(Optional.empty(), counter.blockedFor("ada"), "a fresh first failure");
    }

    @Test
    void keysAreCountedApart() {
        for (int i = 0; i < 5; i++) {
            counter.failed("ada");
        }
        assertTrue(counter.blockedFor("ada").isPresent());
        assertEquals(Optional.empty(), counter.blockedFor("grace"));
    }

    @Test
    void theLeastRecentlyTouchedKeysGoFirstBeyondTheCapacity() {
        FailureCounter small = new FailureCounter(new FailureCounter.Policy(1, Duration.ofMinutes(15),
                Duration.ofSeconds(30), Duration.ofMinutes(15), 2), clock);
        small.failed("a");
        small.failed("b");
        small.failed("c");
        assertEquals(Optional.empty(), small.blockedFor("a"), "dropped");
        assertTrue(small.blockedFor("b").isPresent());
        assertTrue(small.blockedFor("c").isPresent());
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertEquals(1, new TooManyAttemptsException("x", Duration.ofMillis(1)).retryAfterSeconds());
        assertEquals(2, new TooManyAttemptsException("x", Duration.ofMillis(1001)).retryAfterSeconds());
        assertEquals(30, new TooManyAttemptsException("x", Duration.ofSeconds(30)).retryAfterSeconds());
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
