package io.playball.groups.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.playball.groups.event.UserEvent;
import io.playball.groups.event.UserEventSink;
import io.playball.groups.monitoring.ConsumerMetrics;
import io.playball.groups.monitoring.ConsumerWatch;
import io.playball.outbox.internal.MovingClock;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The applier's retries on a clock the test moves: a database that stays away holds the record with a growing pause
 * (never parked, never skipped), shows as a stall from its first failure, and the record goes through once it is back.
 */
class BatchApplierTest {

    /** Held, so that the level set stays: the applier's retry warnings are this test's expected path, not news. */
    private static final Logger APPLIER_LOG = Logger.getLogger(BatchApplier.class.getName());

    @BeforeAll
    static void quiet() {
        APPLIER_LOG.setLevel(Level.SEVERE);
    }

    private final MovingClock clock = new MovingClock();
    private final ConsumerWatch watch = new ConsumerWatch(clock);
    private final List<Duration> pauses = new ArrayList<>();
    private final List<Duration> stalledFor = new ArrayList<>();
    private final CountingMetrics metrics = new CountingMetrics();

    private BatchApplier applier(UserEventSink sink) {
        BatchApplier applier = new BatchApplier();
        applier.sink = sink;
        applier.metrics = metrics;
        applier.watch = watch;
        applier.clock = clock;
        applier.unknownFailureAttempts = 10;
        applier.pauser = pause -> {
            pauses.add(pause);
            clock.advance(pause);
            // what readiness would see now
            stalledFor.add(watch.stall().map(s -> Duration.between(s.since(), clock.instant())).orElse(Duration.ZERO));
        };
        return applier;
    }

    @Test
    void aTransientFailureIsRetriedWithAGrowingPauseUntilTheDatabaseIsBack() {
        int outage = 12;
        List<UserEvent> applied = new ArrayList<>();
        UserEventSink sink = events -> {
            if (pauses.size() < outage) {
                throw new IllegalStateException(new SQLException("connection refused", "08001"));
            }
            applied.addAll(events);
            return events.stream().map(e -> UserEventSink.Outcome.DUPLICATE).toList();
        };
        AtomicBoolean acked = new AtomicBoolean();
        BatchApplier.Delivery delivery = delivery(acked);

        applier(sink).process(List.of(delivery));

        assertEquals(List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L, 5000L, 5000L, 5000L),
                pauses.stream().map(Duration::toMillis).toList());
        assertEquals(List.of(delivery.event()), applied);
        assertTrue(acked.get(), "acknowledged once applied");
        assertEquals(outage, metrics.retries);
        assertEquals(0, metrics.parked);
        // the stall is measured from the record's first failure, so readiness sees it grow past its limit
        assertEquals(Duration.ofMillis(36_300), stalledFor.get(outage - 1));
        assertFalse(watch.stall().isPresent(), "no stall once it passed");
    }

    @Test
    void aFailureAfterTheApplierWasStoppedLeavesTheRecordUnacknowledged() {
        UserEventSink sink = events -> {
            throw new IllegalStateException(new SQLException("connection refused", "08001"));
        };
        BatchApplier applier = applier(sink);
        applier.stop();
        AtomicBoolean acked = new AtomicBoolean();
        try {
            applier.process(List.of(delivery(acked)));
        } catch (IllegalStateException expected) {
            // redelivered after the restart
        }
        assertFalse(acked.get());
        assertTrue(pauses.isEmpty());
    }

    private static BatchApplier.Delivery delivery(AtomicBoolean acked) {
        UserEvent event = new UserEvent(UUID.randomUUID(), UserEvent.Type.UserUpdated, "u1", 2,
                Instant.parse("2026-01-01T00:00:00Z"), "Ada");
        Message<String> message = Message.of("{}", () -> {
            acked.set(true);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        });
        return new BatchApplier.Delivery(message, new ConsumerRecord<>("user-events", 0, 7L, "u1", "{}"), event, null,
                Span.getInvalid());
    }

    /** Counts what the applier reports, without a metric registry. */
    static final class CountingMetrics extends ConsumerMetrics {
        int retries;
        int parked;

        @Override
        public void retried() {
            retries++;
        }

        @Override
        public void parked() {
            parked++;
        }

        @Override
        public void batch(int events) {
        }

        @Override
        public void count(UserEventSink.Outcome outcome) {
        }

        @Override
        public void lag(Duration commitToApplied) {
        }
    }
}
