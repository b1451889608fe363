package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void doublesFromTheFirstPauseUpToTheCeiling() {
        long[] expectedMs = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int failures = 1; failures <= expectedMs.length; failures++) {
            assertEquals(Duration.ofMillis(expectedMs[failures - 1]), backoff.after(failures), failures + " failures");
        }
    }

    @Test
    void noFailureNoPause() {
        assertEquals(Duration.ZERO, backoff.after(0));
    }

    @Test
    void anyNumberOfFailuresStaysAtTheCeiling() {
        assertEquals(Duration.ofSeconds(30), backoff.after(63));
        assertEquals(Duration.ofSeconds(30), backoff.after(Integer.MAX_VALUE));
    }

    @Test
    void dueTimeIsMeasuredOnTheGivenClock() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        assertEquals(Instant.parse("2026-11-30T12:00:02Z"), backoff.dueAfter(3, clock));
    }

    @Test
    void refusesAFirstPauseAboveTheCeiling() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
    }
}
