package io.playball.outbox.internal;

import io.playball.outbox.OutboxMessage;
import io.playball.outbox.PendingEvent;
import static io.playball.outbox.internal.TestSettings.FIRST_BACKOFF;
import static io.playball.outbox.internal.TestSettings.LEASE;
import static io.playball.outbox.internal.TestSettings.LONGEST_SEND;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.TracerProvider;
import io.playball.platform.persistence.TestDatabase;
import jakarta.persistence.EntityManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Order per key on every path: a row never goes to the producer while an older row of its key waits, whatever
 * fails, and a row that keeps failing holds back its own key only. The writer, the relay, the sweep and send-now run
 * as on the server, on the outbox's real queries; the test plays the broker, takes the sender thread's turns, runs
 * the executor's tasks and delivers the writer's after-commit events.
 */
class OutboxOrderTest {

    private static final TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml");

    private final MovingClock clock = new MovingClock();
    private final OutboxSettings settings = TestSettings.outboxSettings();
    private final TransactionalStore store = new TransactionalStore(db, settings, clock);
    private final TestPublisher broker = new TestPublisher();
    private final TestResources resources = new TestResources();
    private final CountingMetrics metrics = new CountingMetrics();
    private final OutboxBatchLock batchLock = new OutboxBatchLock();
    private final OutboxHold hold = new OutboxHold();
    private final HookedRelay relay = new HookedRelay();
    private final OutboxSweep sweep = new OutboxSweep();
    private final OutboxRepair repair = new OutboxRepair();
    /** The application's transactions, in which the writer appends. */
    private final EntityManager application = db.entityManager();
    private final FiredEvents fired = new FiredEvents(() -> application.getTransaction().isActive());
    private final OutboxAppender writer = new OutboxAppender();

    @BeforeEach
    void setUp() {
        store.deleteAll();
        TestRelay.start(relay, broker, store, settings, metrics, resources, batchLock, clock);

        sweep.store = store;
        sweep.relay = relay;
        sweep.settings = settings;
        sweep.hold = hold;
        sweep.batchLock = batchLock;
        sweep.publisher = broker;
        sweep.resources = resources;

        repair.store = store;
        repair.relay = relay;
        repair.hold = hold;
        repair.publisher = broker;
        repair.sweep = sweep;
        repair.settings = settings;

        writer.em = application;
        writer.settings = settings;
        writer.vacuum = new OutboxVacuum();
        writer.vacuum.settings = settings;
        writer.hold = hold;
        writer.clock = clock;
        writer.tracer = TracerProvider.noop().get("test");
        writer.committed = fired;
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    // --- the application's side

    /**
     * One transaction of the application appends these events of {@code key}, committed; returns what the writer
     * fired in it, which the relay's after-commit observer has not been told yet.
     */
    private List<PendingEvent> written(String key, String... eventIds) {
        int before = fired.fired.size();
        runInTransaction(application, em -> {
            for (String id : eventIds) {
                writer.append(new OutboxMessage(id, "Changed", key, 1, clock.instant(), "{}"));
            }
        });
        clock.advance(Duration.ofMillis(1));  // the next change comes later
        return fired.fired.subList(before, fired.fired.size()).stream().map(FiredEvents.Fired::event).toList();
    }

    /** The after-commit observer runs: the fast path. */
    private void deliver(List<PendingEvent> events) {
        events.forEach(relay::onCommitted);
    }

    private void committed(String key, String... eventIds) {
        deliver(written(key, eventIds));
    }

    /** A row as another server's transaction or an earlier failure left it. */
    private PendingEvent event(String eventId, String key) {
        return new PendingEvent(eventId, "Changed", key, clock.instant(), "{}", null, null, null, false, 0);
    }

    // --- the relay's side

    /** The sender thread's turns until no lane head waits. */
    private void sendHeads() throws InterruptedException {
        while (relay.sendNext(0)) {
            // next head
        }
    }

    private void assertReleased(String eventId) {
        OutboxEntry row = store.row(eventId);
        assertNotNull(row, eventId + " is still in the outbox");
        assertNull(row.claimedBy(), eventId + " is unclaimed");
        assertNull(row.claimedUntil(), eventId + " is unclaimed");
        assertEquals(0, row.attempts(), eventId + ": no attempt counted");
        assertFalse(row.nextAttemptAt().isAfter(clock.instant()), eventId + " is due now");
    }

    private List<String> ids(List<PendingEvent> events) {
        return events.stream().map(PendingEvent::eventId).toList();
    }

    private List<String> ids(OutboxStore.Batch batch) {
        return ids(batch.rows());
    }

    // --- a failed send

    @Test
    void aFailedSendHoldsBackTheLaterRowsOfItsKeyWhileAnotherKeysRowsAreSent() throws Exception {
        committed("k", "a1");
        committed("k", "a2");
        committed("k", "a3");
        committed("j", "b1");
        committed("j", "b2");
        sendHeads();
        assertEquals(List.of("a1", "b1"), broker.handedOver(), "one head per key");

        broker.fail("a1", new CompletionException(new IllegalStateException("broker down")));
        resources.runTasks();
        OutboxEntry failed = store.row("a1");
        assertEquals(1, failed.attempts());
        assertEquals(clock.instant().plus(FIRST_BACKOFF), failed.nextAttemptAt());
        assertReleased("a2");
        assertReleased("a3");

        broker.ack("b1");
        sendHeads();
        broker.ack("b2");
        sendHeads();
        resources.runTasks();
        assertEquals(List.of("a1", "b1", "b2"), broker.handedOver(), "the other key flows; a2 and a3 wait");
        assertNull(store.row("b1"));
        assertNull(store.row("b2"));
        assertEquals(1, metrics.failures, "one failed send: the rows behind it were not tried");
    }

    @Test
    void aDeleteTheExecutorRefusesStillHandsTheKeysNextRowOn() throws Exception {
        committed("k", "a1");
        committed("k", "a2");
        sendHeads();
        resources.refuse(true);  // the application is stopping
        broker.ack("a1");
        sendHeads();
        assertEquals(List.of("a1", "a2"), broker.handedOver(), "a2 went on once the broker had a1");
        assertNotNull(store.row("a1"), "not deleted yet: it waits for the next delete");

        resources.refuse(false);
        broker.ack("a2");
        resources.runTasks();
        assertNull(store.row("a1"), "the next delete takes the row the refused one left");
        assertNull(store.row("a2"));
    }

    @Test
    void afterTheBackoffTheSweepSendsTheKeyFromItsOldestRowEachAfterTheBrokerHasThePreviousOne() throws Exception {
        committed("k", "a1");
        committed("k", "a2");
        committed("k", "a3");
        sendHeads();
        broker.fail("a1", new IllegalStateException("broker down"));
        resources.runTasks();

        clock.advance(FIRST_BACKOFF.minusMillis(1));
        sweep.sweepOnce();
        assertNull(store.row("a2").claimedBy(), "a2 and a3 are due, but not before a1");
        sendHeads();
        assertEquals(List.of("a1"), broker.handedOver());

        clock.advance(Duration.ofMillis(1));
        sweep.sweepOnce();
        for (String id : List.of("a1", "a2", "a3")) {
            assertEquals(settings.owner(), store.row(id).claimedBy(), id + " claimed by the sweep");
        }
        sendHeads();
        assertEquals(List.of("a1", "a1"), broker.handedOver(), "a1 again, a2 waits for it");
        broker.ack("a1");
        sendHeads();
        assertEquals(List.of("a1", "a1", "a2"), broker.handedOver(), "a3 waits for a2");
        broker.ack("a2");
        sendHeads();
        broker.ack("a3");
        sendHeads();
        resources.runTasks();
        assertEquals(List.of("a1", "a1", "a2", "a3"), broker.handedOver());
        assertEquals(0, store.rows());
        assertEquals(3, metrics.sentBy(OutboxMetrics.Path.SWEEP));
    }

    // --- the sweep

    @Test
    void theSweepSkipsAKeyBehindABackoffOrAnotherRelaysLiveClaimButClaimsOtherKeys() {
        OutboxSettings otherServer = TestSettings.outboxSettings();
        Instant now = clock.instant();
        store.write(List.of(
                OutboxEntry.claimedOnWrite(event("x1", "backing-off"), 1, 0, now, settings.owner(), LEASE),
                OutboxEntry.heldOnWrite(event("x2", "backing-off"), 1, 1, now, Duration.ZERO),
                OutboxEntry.claimedOnWrite(event("y1", "other-relays"), 1, 0, now, otherServer.owner(), LEASE),
                OutboxEntry.heldOnWrite(event("y2", "other-relays"), 1, 1, now, Duration.ZERO)));
        store.markFailed("x1", "broker down");
        clock.advance(Duration.ofMillis(1));
        store.write(List.of(
                OutboxEntry.heldOnWrite(event("z1", "free"), 1, 0, clock.instant(), Duration.ZERO),
                OutboxEntry.heldOnWrite(event("z2", "free"), 1, 1, clock.instant(), Duration.ZERO)));

        // x2 and y2 are older than z1 and z2 and due, yet they take no room in a batch of two
        assertEquals(List.of("z1", "z2"), ids(store.claimDue(2)));
        assertNull(store.row("x2").claimedBy());
        assertNull(store.row("y2").claimedBy());
        store.markSent(List.of("z1", "z2"));

        clock.advance(FIRST_BACKOFF);
        assertEquals(List.of("x1", "x2"), ids(store.claimDue(10)), "the backoff is over: the key from its oldest");
        store.markSent(List.of("x1", "x2"));

        clock.advance(LEASE);
        assertEquals(List.of("y1", "y2"), ids(store.claimDue(10)), "the other relay's claim ran out: taken over");
    }

    /**
     * The sender's turns, each row handed over from now on acknowledged as it goes, and the executor's tasks after
     * each (the delete, the sweep it calls for).
     */
    private void sendAndAckAll() throws InterruptedException {
        int from = broker.handedOver().size();
        sendHeads();
        for (int acked = from; acked < broker.handedOver().size(); acked++) {
            broker.ack(broker.handedOver().get(acked));
            resources.runTasks();
            sendHeads();
        }
    }

    @Test
    void aSweepClaimsABacklogOfOneKeyBatchAfterBatchBehindItsOwnClaimsIntoOneLane() throws Exception {
        settings.sweepBatchSize = 2;
        hold.set(true);
        List<String> backlog = List.of("a1", "a2", "a3", "a4", "a5");
        backlog.forEach(id -> committed("k", id));
        hold.set(false);

        sweep.sweepOnce();  // the only tick
        for (String id : backlog) {
            assertEquals(settings.owner(), store.row(id).claimedBy(), id + " is claimed by the one sweep");
        }
        sendHeads();
        assertEquals(List.of("a1"), broker.handedOver(), "one lane: a2 waits until the broker has a1");
        broker.ack("a1");
        resources.runTasks();
        sendAndAckAll();
        assertEquals(backlog, broker.handedOver(), "every row, in its order");
        assertEquals(0, store.rows());
    }

    @Test
    void aKeysLaneIsToppedUpOnlyWhileItHoldsLessThanAClaimsWorthWhileOtherKeysAreClaimed() throws Exception {
        relayCapacity(200);  // a claim's worth: the batch, or a hundredth of the lanes' capacity if that is more
        settings.sweepBatchSize = 2;
        relay.afterDelete(sweep::relayMadeRoom);
        hold.set(true);
        List<String> deep = List.of("a1", "a2", "a3", "a4", "a5");
        deep.forEach(id -> committed("k", id));
        committed("j", "b1");
        hold.set(false);

        sweep.sweepOnce();  // the only tick
        assertEquals(settings.owner(), store.row("a2").claimedBy());
        assertNull(store.row("a3").claimedBy(), "k's lane holds two rows: it is not topped up");
        assertEquals(settings.owner(), store.row("b1").claimedBy(), "claimed past k's rows, though they are older");
        sendAndAckAll();
        assertEquals(List.of("a1", "b1", "a2", "a3", "a4", "a5"), broker.handedOver(), "k's rows in their order");
        assertEquals(0, store.rows());
    }

    @Test
    void aSweepStoppedByFullLanesClaimsTheNextBatchOnceADeleteMakesRoomNotAtTheNextTick() throws Exception {
        relayCapacity(2);
        settings.sweepBatchSize = 2;
        relay.afterDelete(sweep::relayMadeRoom);
        hold.set(true);
        List<String> backlog = List.of("a1", "a2", "a3", "a4", "a5");
        backlog.forEach(id -> committed("k", id));
        hold.set(false);

        sweep.sweepOnce();  // the only tick
        assertNull(store.row("a3").claimedBy(), "the lanes are full: a3 waits");
        sendAndAckAll();
        assertEquals(backlog, broker.handedOver(), "every row, in its order, after one tick");
        assertEquals(0, store.rows());
    }

    /**
     * a1 is in flight on the fast path and a2 waits behind it, due and unclaimed; the sweep will read a2 as due behind
     * this relay's live claim on a1, and {@code meanwhile} runs before it queues a2.
     */
    private void a2WaitsBehindA1InFlight(Runnable meanwhile) throws InterruptedException {
        committed("k", "a1");
        hold.set(true);
        written("k", "a2");
        hold.set(false);
        sendHeads();
        relay.beforeQueuing = () -> {
            relay.beforeQueuing = () -> { };
            meanwhile.run();
        };
    }

    @Test
    void aRowClaimedBehindARowTheBrokerTookMeanwhileLeadsItsKeyEvenOnceThatRowIsDeleted() throws Exception {
        a2WaitsBehindA1InFlight(() -> {
            broker.ack("a1");  // a1's lane ends
            resources.runTasks();  // and its row is deleted
        });

        sweep.sweepOnce();
        assertNull(store.row("a1"), "a1 was deleted before a2 was queued");
        sendHeads();
        assertEquals(List.of("a1", "a2"), broker.handedOver(), "a2 goes at once, not at a later sweep");
        assertEquals(settings.owner(), store.row("a2").claimedBy());
    }

    @Test
    void rowsClaimedBehindRowsWhoseSendFailedMeanwhileAreReleasedNotSentAhead() throws Exception {
        a2WaitsBehindA1InFlight(() -> broker.fail("a1", new IllegalStateException("broker down")));

        sweep.sweepOnce();
        sendHeads();
        assertEquals(List.of("a1"), broker.handedOver(), "a2 must not overtake a1");
        assertReleased("a2");
        resources.runTasks();
        assertNull(store.row("a1").claimedBy(), "a1 backs off");
        assertEquals(1, store.row("a1").attempts());

        sweep.sweepOnce();
        assertNull(store.row("a2").claimedBy(), "a2 waits behind a1's backoff");
        clock.advance(FIRST_BACKOFF);
        sweep.sweepOnce();
        sendAndAckAll();
        assertEquals(List.of("a1", "a1", "a2"), broker.handedOver());
    }

    // --- the writer

    @Test
    void aRowWrittenBehindThisRelaysLiveClaimIsClaimedAndFollowsItsPredecessor() throws Exception {
        List<PendingEvent> first = written("k", "a1");
        Instant secondWrite = clock.instant();
        List<PendingEvent> second = written("k", "a2");

        assertFalse(first.get(0).follows(), "nothing of its key waited: it leads");
        assertTrue(second.get(0).follows());
        OutboxEntry row = store.row("a2");
        assertEquals(1, row.keySeq());
        assertEquals(settings.owner(), row.claimedBy());
        assertEquals(secondWrite.plus(LEASE), row.claimedUntil());

        deliver(first);
        deliver(second);
        sendHeads();
        assertEquals(List.of("a1"), broker.handedOver());
        broker.ack("a1");
        sendHeads();
        assertEquals(List.of("a1", "a2"), broker.handedOver(), "right after its predecessor");
    }

    @Test
    void aRowWrittenBehindARowInBackoffIsLeftUnclaimedDueNowAndNotFired() throws Exception {
        committed("k", "a1");
        sendHeads();
        broker.fail("a1", new IllegalStateException("broker down"));
        resources.runTasks();

        Instant write = clock.instant();
        assertEquals(List.of(), written("k", "a2"));
        OutboxEntry row = store.row("a2");
        assertNull(row.claimedBy());
        assertEquals(write, row.nextAttemptAt(), "due now: the sweep takes it once a1 has gone");
        assertEquals(1, row.keySeq());
    }

    @Test
    void aRowWrittenBehindAnotherRelaysClaimIsLeftUnclaimedDueNowAndNotFired() {
        OutboxSettings otherServer = TestSettings.outboxSettings();
        store.write(List.of(OutboxEntry.claimedOnWrite(event("a1", "k"), 1, 0, clock.instant(),
                otherServer.owner(), LEASE)));

        Instant write = clock.instant();
        assertEquals(List.of(), written("k", "a2"));
        OutboxEntry row = store.row("a2");
        assertNull(row.claimedBy());
        assertEquals(write, row.nextAttemptAt());
        assertEquals(1, row.keySeq());
    }

    /** The writer's query of the key's rows sees the transaction's own earlier row (EclipseLink flushes first). */
    @Test
    void twoRowsOfOneKeyInOneTransactionTakePlacesZeroAndOne() throws Exception {
        List<PendingEvent> events = written("k", "a1", "a2");

        assertEquals(0, store.row("a1").keySeq());
        assertEquals(1, store.row("a2").keySeq());
        assertEquals(List.of(false, true), events.stream().map(PendingEvent::follows).toList());

        deliver(events);
        sendHeads();
        broker.ack("a1");
        sendHeads();
        assertEquals(List.of("a1", "a2"), broker.handedOver());
    }

    // --- a row written to follow others

    @Test
    void aFollowerWhosePredecessorsWereSentLeadsItsKey() throws Exception {
        committed("k", "a1");
        sendHeads();
        List<PendingEvent> second = written("k", "a2");
        // its after-commit event comes late: a1 has been sent and deleted meanwhile
        broker.ack("a1");
        resources.runTasks();
        assertNull(store.row("a1"));

        deliver(second);
        resources.runTasks();  // it asks the database whether an older row of its key waits
        sendHeads();
        assertEquals(List.of("a1", "a2"), broker.handedOver());
        assertEquals(settings.owner(), store.row("a2").claimedBy());
    }

    @Test
    void aFollowerWhosePredecessorTheBrokerHasLeadsBeforeThatRowIsDeleted() throws Exception {
        committed("k", "a1");
        sendHeads();
        List<PendingEvent> second = written("k", "a2");
        // a1 acknowledged, its delete still to run, when a2's after-commit event comes
        broker.ack("a1");
        deliver(second);
        resources.runLastTask();  // a2's turn comes before a1's delete
        assertNotNull(store.row("a1"));
        sendHeads();
        assertEquals(List.of("a1", "a2"), broker.handedOver());
        assertEquals(settings.owner(), store.row("a2").claimedBy());
    }

    @Test
    void aFollowerWhosePredecessorFailedIsReleased() throws Exception {
        committed("k", "a1");
        sendHeads();
        List<PendingEvent> second = written("k", "a2");
        assertTrue(second.get(0).follows());
        broker.fail("a1", new IllegalStateException("broker down"));

        deliver(second);
        resources.runTasks();
        sendHeads();
        assertEquals(List.of("a1"), broker.handedOver());
        assertReleased("a2");
        assertEquals(1, store.row("a1").attempts());
    }

    /**
     * Two changes of a key commit one after the other (the aggregate's lock), but the first one's thread is slow to
     * run its after-commit observers: the second change's row reaches the relay first, while an older row of the key
     * still holds the lane open.
     */
    @Test
    void followersWhoseAfterCommitEventsComeOutOfCommitOrderAreSentInOrder() throws Exception {
        committed("k", "a0");
        sendHeads();
        List<PendingEvent> first = written("k", "a1");
        List<PendingEvent> second = written("k", "a2");
        deliver(second);
        deliver(first);
        resources.runTasks();

        broker.ack("a0");
        sendHeads();
        assertEquals(List.of("a0", "a1"), broker.handedOver(), "a2 must not overtake a1");
        assertReleased("a2");

        broker.ack("a1");
        resources.runTasks();
        sweep.sweepOnce();
        sendHeads();
        assertEquals(List.of("a0", "a1", "a2"), broker.handedOver());
    }

    // --- send-now

    @Test
    void aSendNowOfARowBehindAnOlderWaitingRowAnswersBehindOlderAndClaimsNothing() throws Exception {
        committed("k", "a1");
        sendHeads();
        broker.fail("a1", new IllegalStateException("broker down"));
        resources.runTasks();
        committed("k", "a2");

        OutboxStore.Claim claim = repair.sendNow("a2");
        assertEquals(OutboxStore.Claim.Result.BEHIND_OLDER, claim.result());
        assertEquals("a2", claim.row().eventId());
        assertReleased("a2");
        sendHeads();
        assertEquals(List.of("a1"), broker.handedOver(), "nothing queued");

        assertEquals(OutboxStore.Claim.Result.CLAIMED, repair.sendNow("a1").result(),
                "the oldest goes, backoff or not");
        sendHeads();
        assertEquals(List.of("a1", "a1"), broker.handedOver());
    }

    @Test
    void aSendNowOnAServerWhoseRelayIsOffAnswersRelayOffAndClaimsNothing() throws Exception {
        committed("k", "a1");
        sendHeads();
        broker.fail("a1", new IllegalStateException("broker down"));
        resources.runTasks();
        settings.relayEnabled = false;

        assertEquals(OutboxStore.Claim.Result.RELAY_OFF, repair.sendNow("a1").result());
        assertNull(store.row("a1").claimedBy(), "left for the other servers' sweeps");
        assertEquals(List.of("a1"), broker.handedOver(), "nothing handed over again");
    }

    // --- a claim too old to send under

    @Test
    void aHeadWhoseClaimIsTooOldIsReleasedTogetherWithTheRowsBehindIt() throws Exception {
        committed("k", "a1");
        committed("k", "a2");
        committed("k", "a3");
        // the sender was slow to come to a1: its claim no longer covers the longest send
        clock.advance(LEASE.minus(LONGEST_SEND));
        committed("j", "b1");
        sendHeads();

        assertEquals(List.of("b1"), broker.handedOver());
        assertEquals(1, metrics.claimsTooOld, "one head too old; the rows behind it were never heads");
        resources.runTasks();
        assertReleased("a1");
        assertReleased("a2");
        assertReleased("a3");

        sweep.sweepOnce();
        sendHeads();
        broker.ack("a1");
        sendHeads();
        broker.ack("a2");
        sendHeads();
        assertEquals(List.of("b1", "a1", "a2", "a3"), broker.handedOver(), "the key claimed afresh, in order");
    }

    // --- rows of one key at one instant

    /** As groups' departure handler writes MemberLeft and GroupDeleted: one change, one instant, random ids. */
    @Test
    void rowsOfOneKeyWrittenAtOneInstantAreSentInTheirPlacesWhateverTheirIds() throws Exception {
        hold.set(true);
        written("g", "z-member-left", "a-group-deleted");
        assertEquals(store.row("z-member-left").createdAt(), store.row("a-group-deleted").createdAt());
        hold.set(false);

        sweep.sweepOnce();
        sendHeads();
        assertEquals(List.of("z-member-left"), broker.handedOver());
        broker.ack("z-member-left");
        sendHeads();
        assertEquals(List.of("z-member-left", "a-group-deleted"), broker.handedOver());
    }

    // --- full lanes

    private void relayCapacity(int capacity) {
        relay.stop();
        settings.queueCapacity = capacity;
        relay.start();
    }

    @Test
    void aRowRefusedByFullLanesHoldsBackTheLaterRowsOfItsKey() throws Exception {
        relayCapacity(2);
        committed("k", "a1");
        committed("j", "b1");
        sendHeads();
        committed("k", "a2");  // follows a1, but the lanes are full: released, on the executor
        broker.ack("b1");      // room again
        committed("k", "a3");  // written while a2 was still this relay's claim: it follows too

        broker.ack("a1");
        sendHeads();
        assertEquals(List.of("a1", "b1"), broker.handedOver(), "a3 must not overtake a2");
        resources.runTasks();
        assertReleased("a2");
        assertReleased("a3");

        sweep.sweepOnce();
        sendHeads();
        broker.ack("a2");
        sendHeads();
        assertEquals(List.of("a1", "b1", "a2", "a3"), broker.handedOver());
    }

    /**
     * Once a sweep's claim commits, a row of a claimed key written on the fast path follows the claimed rows; it
     * reaches the relay before, while or after the sweep queues them. The sweep queues its batch in one step under
     * the lanes' lock ({@link KeyLanes#offerAll}), so "while" is gone: queued row by row, k2 could join k0's lane
     * before k1 and overtake it. Before: it is refused for want of a lane, and waits for the sweep.
     */
    @Test
    void aFastPathRowWrittenBehindRowsTheSweepClaimedGoesAfterAllOfThem() throws Exception {
        hold.set(true);
        written("k", "k0");
        written("k", "k1");
        hold.set(false);
        relay.afterQueuing = () -> committed("k", "k2");  // reads k0 and k1 as this relay's claims: it follows

        sweep.sweepOnce();
        sendHeads();
        broker.ack("k0");
        sendHeads();
        broker.ack("k1");
        sendHeads();
        assertEquals(List.of("k0", "k1", "k2"), broker.handedOver());
    }

    @Test
    void rowsTheSweepCouldNotQueueHoldBackTheFastPathRowsWrittenBehindThem() throws Exception {
        relayCapacity(3);
        hold.set(true);
        written("k", "k0");
        written("m", "m0");
        written("k", "k1");
        hold.set(false);
        // the fast path fills the lanes after the sweep has read their room: k0 fits, m0 and k1 do not
        relay.beforeQueuing = () -> {
            committed("x", "x1");
            committed("y", "y1");
        };
        relay.onRefusal = () -> {
            sendHeadsNow();
            broker.ack("x1");       // room again
            committed("k", "k2");   // written while k1 was still this relay's claim, before the sweep let go of it
        };

        sweep.sweepOnce();
        relay.beforeQueuing = () -> { };
        relay.onRefusal = () -> { };
        assertEquals(List.of("x1", "y1", "k0"), broker.handedOver());
        resources.runTasks();
        assertReleased("m0");
        assertReleased("k1");
        broker.ack("k0");
        sendHeads();
        assertEquals(List.of("x1", "y1", "k0"), broker.handedOver(), "k2 must not overtake k1");
        resources.runTasks();
        assertReleased("k2");

        broker.ack("y1");
        resources.runTasks();
        sweep.sweepOnce();
        sendHeads();
        broker.ack("k1");
        sendHeads();
        assertEquals(List.of("x1", "y1", "k0", "m0", "k1", "k2"), broker.handedOver());
    }

    private void sendHeadsNow() {
        try {
            sendHeads();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The relay with hooks where the sweep hands it its batch: the fast path's commits at those moments. */
    static final class HookedRelay extends OutboxRelay {

        Runnable beforeQueuing = () -> { };
        Runnable afterQueuing = () -> { };
        /** after a batch of which the relay took only part, before the sweep lets go of the rest */
        Runnable onRefusal = () -> { };

        @Override
        List<PendingEvent> submit(OutboxStore.Batch batch) {
            beforeQueuing.run();
            List<PendingEvent> notTaken = super.submit(batch);
            afterQueuing.run();
            if (!notTaken.isEmpty()) {
                onRefusal.run();
            }
            return notTaken;
        }
    }

    // --- two relays on one database

    /** Runs {@code meanwhile} just before relay {@code b}'s transaction runs the named statement (once). */
    private static void before(TransactionalStore b, String statement, Runnable meanwhile) {
        EntityManager em = b.em;
        AtomicBoolean done = new AtomicBoolean();
        b.em = (EntityManager) Proxy.newProxyInstance(OutboxOrderTest.class.getClassLoader(),
                new Class<?>[] {EntityManager.class}, (self, method, args) -> {
                    if (method.getName().equals("createNamedQuery") && statement.equals(args[0])
                            && done.compareAndSet(false, true)) {
                        meanwhile.run();
                    }
                    try {
                        return method.invoke(em, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Rows of two keys, due and unclaimed: k0, m0, k1, k2 by their time. */
    private void dueRowsOfTwoKeys() {
        Instant now = clock.instant();
        store.write(List.of(
                OutboxEntry.heldOnWrite(event("k0", "k"), 1, 0, now, Duration.ZERO),
                OutboxEntry.heldOnWrite(new PendingEvent("m0", "Changed", "m", now.plusMillis(1), "{}", null, null,
                        null, false, 0), 1, 0, now, Duration.ZERO),
                OutboxEntry.heldOnWrite(new PendingEvent("k1", "Changed", "k", now.plusMillis(2), "{}", null, null,
                        null, false, 0), 1, 1, now, Duration.ZERO),
                OutboxEntry.heldOnWrite(new PendingEvent("k2", "Changed", "k", now.plusMillis(3), "{}", null, null,
                        null, false, 0), 1, 2, now, Duration.ZERO)));
        clock.advance(Duration.ofMillis(10));
    }

    /**
     * B reads the due rows, then A claims k's head and commits, then B's update claims what is left: k1 and k2 are
     * B's for a moment, behind A's k0, and B lets go of them in the same transaction. A's claim runs on its own
     * entity manager (its own connection) while B's transaction is open between its read and its update, exactly as
     * a second server's would; Derby's read-committed read leaves no lock behind for A to wait on.
     */
    @Test
    void aRelayLetsGoOfRowsWhoseOlderRowAnotherRelayClaimedBetweenItsReadAndItsUpdate() {
        dueRowsOfTwoKeys();
        TransactionalStore a = new TransactionalStore(db, TestSettings.outboxSettings(), clock);
        TransactionalStore b = new TransactionalStore(db, TestSettings.outboxSettings(), clock);
        List<String> claimedByA = new ArrayList<>();
        before(b, "OutboxEntry.claim", () -> claimedByA.addAll(ids(a.claimDue(1))));

        List<String> claimedByB = ids(b.claimDue(10));

        assertEquals(List.of("k0"), claimedByA);
        assertEquals(List.of("m0"), claimedByB, "k1 and k2 were let go; the other key is B's");
        assertEquals(a.settings.owner(), store.row("k0").claimedBy());
        assertEquals(b.settings.owner(), store.row("m0").claimedBy());
        assertReleased("k1");
        assertReleased("k2");

        a.markSent(List.of("k0"));
        assertEquals(List.of("k1", "k2"), ids(b.claimDue(10)), "once k0 has gone, the rest of k from its oldest");
    }

    /**
     * Where A's whole claim (a transaction of its own) falls in B's claim, how many rows each takes, and whether B
     * already holds k's oldest row from an earlier claim (B's claim then reaches behind it).
     */
    @Test
    void twoRelaysNeverSplitAKeyWhateverOrderTheirClaimsInterleave() {
        List<String> moments = List.of("before B's read", "between B's read and update", "after B's commit");
        int interleavings = 0;
        for (boolean bHoldsK0 : List.of(false, true)) {
            for (String moment : moments) {
                for (int batchA = 1; batchA <= 4; batchA++) {
                    for (int batchB = 1; batchB <= 4; batchB++) {
                        store.deleteAll();
                        dueRowsOfTwoKeys();
                        TransactionalStore a = new TransactionalStore(db, TestSettings.outboxSettings(), clock);
                        TransactionalStore b = new TransactionalStore(db, TestSettings.outboxSettings(), clock);
                        if (bHoldsK0) {
                            assertEquals(List.of("k0"), ids(b.claimDue(1)));
                        }
                        int maxA = batchA;
                        Runnable claimByA = () -> a.claimDue(maxA);
                        switch (moment) {
                            case "before B's read" -> before(b, "OutboxEntry.due", claimByA);
                            case "between B's read and update" -> before(b, "OutboxEntry.claim", claimByA);
                            default -> {
                            }
                        }
                        b.claimDue(batchB);
                        if (moment.equals("after B's commit")) {
                            claimByA.run();
                        }
                        assertNoKeySplit((bHoldsK0 ? "B holding k0, " : "") + "A claims " + batchA + " " + moment
                                + " claiming " + batchB);
                        interleavings++;
                    }
                }
            }
        }
        assertEquals(96, interleavings);
    }

    /** Every claimed row's older rows of its key are claimed by the same relay. */
    private void assertNoKeySplit(String interleaving) {
        List<OutboxEntry> rows = store.all();
        for (OutboxEntry row : rows) {
            if (row.claimedBy() == null) {
                continue;
            }
            for (OutboxEntry older : rows) {
                if (older.aggregateId().equals(row.aggregateId()) && older.keySeq() < row.keySeq()) {
                    assertEquals(row.claimedBy(), older.claimedBy(),
                            interleaving + ": " + row.eventId() + " is held while " + older.eventId() + " is not");
                }
            }
        }
    }
}
