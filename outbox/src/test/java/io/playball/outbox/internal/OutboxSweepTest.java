package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import static io.playball.outbox.internal.TestSettings.LEASE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.playball.platform.persistence.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What one {@code sweepOnce} claims and queues, in which order, and what it leaves for a later sweep, on the outbox's
 * real queries; the relay is a queue whose room the test sets, so that a full queue is a matter of one field.
 */
class OutboxSweepTest {

    private static final TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml");

    private final MovingClock clock = new MovingClock();
    private final OutboxSettings settings = TestSettings.outboxSettings();
    private final TransactionalStore store = new TransactionalStore(db, settings, clock);
    private final QueueRelay relay = new QueueRelay();
    private final OutboxHold hold = new OutboxHold();
    private final OutboxSweep sweep = new OutboxSweep();

    @BeforeEach
    void setUp() {
        store.deleteAll();
        settings.sweepBatchSize = 2;  // a backlog of three rows is two batches
        sweep.store = store;
        sweep.relay = relay;
        sweep.settings = settings;
        sweep.hold = hold;
        sweep.batchLock = new OutboxBatchLock();
        sweep.publisher = new TestPublisher();
        sweep.resources = new TestResources();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private PendingEvent event(String eventId, Instant occurredAt) {
        return new PendingEvent(eventId, "Changed", "k-" + eventId, occurredAt, "{}", null, null, null, false, 0);
    }

    /** Rows nobody has claimed, due now (written while held, or released after a failed send), oldest first. */
    private void due(String... eventIds) {
        Instant occurred = clock.instant().minusSeconds(10);
        List<OutboxEntry> rows = new ArrayList<>();
        for (String id : eventIds) {
            rows.add(OutboxEntry.heldOnWrite(event(id, occurred), 1, 0, clock.instant(), Duration.ZERO));
            occurred = occurred.plusMillis(1);
        }
        store.write(rows);
    }

    /** The relay sends what is queued and deletes its rows. */
    private void relaySendsTheQueue() {
        store.markSent(relay.drain());
    }

    @Test
    void dueRowsAreClaimedAndQueuedOldestFirst() {
        Instant now = clock.instant();
        // committed in another order than they occurred (two requests at once): the sweep goes by the change's time,
        // neither by the order of the commits nor by the ids
        store.write(List.of(
                OutboxEntry.heldOnWrite(event("a", now.minusMillis(20)), 1, 0, now, Duration.ZERO),
                OutboxEntry.heldOnWrite(event("b", now.minusMillis(10)), 1, 0, now, Duration.ZERO),
                OutboxEntry.heldOnWrite(event("c", now.minusMillis(30)), 1, 0, now, Duration.ZERO),
                OutboxEntry.heldOnWrite(event("backing-off", now.minusMillis(40)), 1, 0, now, Duration.ofMillis(1))));

        sweep.sweepOnce();
        assertEquals(List.of("c", "a", "b"), relay.queuedIds(), "in two batches, in one sweep");
        for (PendingEvent queued : relay.queued()) {
            assertEquals(now.plus(LEASE), queued.claimedUntil(), "the relay knows how long its claim holds");
            assertEquals(settings.owner(), store.row(queued.eventId()).claimedBy());
        }
        assertNull(store.row("backing-off").claimedBy());
    }

    @Test
    void aClaimWhoseLeaseHasRunOutIsTakenOver() {
        // written by a server that crashed before its fast path sent the row
        OutboxSettings crashed = TestSettings.outboxSettings();
        store.write(List.of(OutboxEntry.claimedOnWrite(event("e1", clock.instant()), 1, 0, clock.instant(),
                crashed.owner(), LEASE)));

        clock.advance(LEASE);
        sweep.sweepOnce();
        assertEquals(List.of(), relay.queuedIds(), "a claim holds for its whole lease");

        clock.advance(Duration.ofMillis(1));
        sweep.sweepOnce();
        assertEquals(List.of("e1"), relay.queuedIds());
        assertEquals(settings.owner(), store.row("e1").claimedBy());
    }

    @Test
    void aFullRelayQueueStopsTheSweepAndTheNextSweepGoesOn() {
        relay.capacity = 2;
        due("e1", "e2", "e3");

        sweep.sweepOnce();
        assertEquals(List.of("e1", "e2"), relay.queuedIds());
        assertNull(store.row("e3").claimedBy(), "not claimed: another server's relay may send it");

        relaySendsTheQueue();
        sweep.sweepOnce();
        assertEquals(List.of("e3"), relay.queuedIds());
    }

    @Test
    void rowsClaimedWhileTheFastPathFilledTheQueueAreReleasedForTheNextSweep() {
        relay.capacity = 2;
        due("e1", "e2", "e3");
        relay.fastPathQueuesMeanwhile(event("fast", clock.instant()));

        sweep.sweepOnce();
        assertEquals(List.of("fast", "e1"), relay.queuedIds());
        OutboxEntry e2 = store.row("e2");
        assertNull(e2.claimedBy(), "claimed, not queued: released at once rather than left to its lease");
        assertNull(e2.claimedUntil());
        assertEquals(0, e2.attempts(), "not a failed send");
        assertNull(store.row("e3").claimedBy());

        relaySendsTheQueue();
        sweep.sweepOnce();
        assertEquals(List.of("e2", "e3"), relay.queuedIds(), "the next sweep takes e2 in its turn, oldest first");
    }

    @Test
    void aServerWhoseRelayIsOffSweepsNothingEvenWhenAskedTo() {
        due("e1");
        settings.relayEnabled = false;

        sweep.sweepOnce();
        assertEquals(List.of(), relay.queuedIds());
        assertNull(store.row("e1").claimedBy(), "left to the servers whose relay is on");
    }

    @Test
    void aHeldOutboxSweepsNothing() {
        due("e1");
        hold.set(true);

        sweep.sweepOnce();
        assertEquals(List.of(), relay.queuedIds());
        assertNull(store.row("e1").claimedBy());
        assertEquals(1, hold.sweepsHeldBack());

        hold.set(false);
        sweep.sweepOnce();
        assertEquals(List.of("e1"), relay.queuedIds());
    }
}
