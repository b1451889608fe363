package io.playball.groups.monitoring;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.outbox.internal.MovingClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Stall detection on a clock the test moves: not ready only once one record has failed, or one transaction has been in
 * flight, for longer than the limit.
 */
class ConsumerHealthCheckTest {

    private final MovingClock clock = new MovingClock();
    private final ConsumerWatch watch = new ConsumerWatch(clock);
    private final ConsumerHealthCheck check = new ConsumerHealthCheck();

    ConsumerHealthCheckTest() {
        check.watch = watch;
        check.clock = clock;
        check.stallLimitMs = 30_000;
        check.kafkaConsumer = new KafkaConsumerProbe() {
            @Override
            public boolean open() {
                return true;
            }
        };
    }

    @Test
    void aRecordFailingForLessThanTheLimitIsNotAStall() {
        watch.failing("event e1", "connection refused");
        clock.advance(Duration.ofSeconds(29));
        watch.failing("event e1", "connection refused");
        assertReady();
    }

    @Test
    void aRecordFailingForLongerThanTheLimitIsAStallUntilItPasses() {
        watch.failing("event e1", "connection refused");
        clock.advance(Duration.ofSeconds(31));
        watch.failing("event e1", "connection refused");  // the stall counts from the first failure, not the latest
        assertNotReady();

        watch.progressed();
        assertReady();
    }

    @Test
    void anotherRecordFailingStartsTheCountAgain() {
        watch.failing("event e1", "connection refused");
        clock.advance(Duration.ofSeconds(20));
        watch.failing("event e2", "connection refused");
        clock.advance(Duration.ofSeconds(20));
        assertReady();
        clock.advance(Duration.ofSeconds(11));
        assertNotReady();
    }

    @Test
    void aTransactionInFlightForLongerThanTheLimitIsAStallThoughNothingFailed() {
        watch.applying();
        clock.advance(Duration.ofSeconds(29));
        watch.applying();  // the batch failed and is applied one by one: still the same stall
        assertReady();
        clock.advance(Duration.ofSeconds(2));
        assertNotReady();

        watch.progressed();
        assertReady();
        watch.applying();
        clock.advance(Duration.ofSeconds(29));
        assertReady();
    }

    @Test
    void aTransactionThatWaitedAndThenFailsStaysTheSameStall() {
        watch.applying();
        clock.advance(Duration.ofSeconds(20));
        watch.failing("event e1", "canceling statement due to lock timeout");
        clock.advance(Duration.ofSeconds(11));
        assertNotReady();
    }

    @Test
    void anEndedStreamIsDownWhateverTheClock() {
        watch.ended("the applier failed");
        assertNotReady();
    }

    private void assertReady() {
        assertFalse(check.problem().isPresent(), () -> "not ready: " + check.problem().get());
    }

    private void assertNotReady() {
        assertTrue(check.problem().isPresent(), "ready");
    }

}
