package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import static io.playball.outbox.internal.TestSettings.FIRST_BACKOFF;
import static io.playball.outbox.internal.TestSettings.LEASE;
import static io.playball.outbox.internal.TestSettings.LONGEST_SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.opentelemetry.api.trace.Span;
import io.playball.platform.persistence.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay between the producer's hand-over and the broker's answer: what becomes of the row after a send, a failure
 * or a claim too old to send under. The test takes the sender's turns, plays the broker and runs the executor's tasks.
 */
class OutboxRelayTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-b7ad6b7169203331-01";

    private static final TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml");

    private final MovingClock clock = new MovingClock();
    private final OutboxSettings settings = TestSettings.outboxSettings();
    private final TransactionalStore store = new TransactionalStore(db, settings, clock);
    private final TestPublisher broker = new TestPublisher();
    private final TestResources resources = new TestResources();
    private final CountingMetrics metrics = new CountingMetrics();
    private final OutboxRelay relay = new OutboxRelay();

    @BeforeEach
    void startRelay() {
        store.deleteAll();
        TestRelay.start(relay, broker, store, settings, metrics, resources, new OutboxBatchLock(), clock);
    }

    @AfterEach
    void stopRelay() {
        relay.stop();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** Rows as the writer leaves them, claimed by this relay, committed together and each fired to the fast path. */
    private void committed(List<String> eventIds) {
        List<OutboxEntry> rows = eventIds.stream().map(id -> OutboxEntry.claimedOnWrite(
                new PendingEvent(id, "Changed", "k-" + id, clock.instant(), "{}", TRACEPARENT, null, null, false, 0), 1,
                0, clock.instant(), settings.owner(), settings.claimLease())).toList();
        store.write(rows);
        rows.forEach(row -> relay.onCommitted(row.toPending()));
    }

    private void committed(String eventId) {
        committed(List.of(eventId));
    }

    /** The sender thread's turns until no lane head waits (the rows behind a head wait for its acknowledgement). */
    private void sendQueued() throws InterruptedException {
        while (relay.sendNext(0)) {
            // next head
        }
    }

    @Test
    void aCommittedRowIsSentAndThenDeleted() throws Exception {
        committed("e1");
        sendQueued();
        assertEquals(List.of("e1"), broker.handedOver());
        assertEquals(TRACE_ID, Span.fromContext(broker.parentOf("e1")).getSpanContext().getTraceId(),
                "the send continues the trace of the write");
        assertNotNull(store.row("e1"), "kept until the broker has it");

        broker.ack("e1");
        assertEquals(1, metrics.sentBy(OutboxMetrics.Path.FAST));
        assertEquals(1, resources.runTasks());
        assertNull(store.row("e1"));
        assertEquals(List.of(List.of("e1")), store.deletedBatches);
    }

    @Test
    void withoutADeleteDelayASentRowIsDeletedAtOnce() throws Exception {
        settings.deleteDelayMs = 0;
        committed("e1");
        sendQueued();
        broker.ack("e1");

        assertEquals(List.of(), resources.delays(), "not scheduled for later");
        assertEquals(1, resources.runTasks());
        assertNull(store.row("e1"));
    }

    @Test
    void aRowWhoseClaimCouldExpireDuringTheSendIsNotSentButReleasedToTheSweep() throws Exception {
        committed("e1");
        clock.advance(Duration.ofMillis(1));
        committed("e2");
        // the queue was slow: e2's claim has exactly the longest send left, e1's a millisecond less
        clock.advance(LEASE.minus(LONGEST_SEND));
        sendQueued();

        assertEquals(List.of("e2"), broker.handedOver());
        assertEquals(1, metrics.claimsTooOld);
        assertEquals(settings.owner(), store.row("e1").claimedBy(), "released on the executor, not the sender");
        assertEquals(1, resources.runTasks());
        OutboxEntry row = store.row("e1");
        assertNull(row.claimedBy(), "released: its key is claimed afresh by the next sweep, in order");
        assertNull(row.claimedUntil());
        assertEquals(0, row.attempts(), "not a failed send");

        assertEquals(List.of("e1"), store.claimDue(10).rows().stream().map(PendingEvent::eventId).toList(),
                "a sweep claims it at once, without waiting for its old lease to run out");
    }

    @Test
    void aFailedSendReleasesTheRowWithItsErrorAndABackoff() throws Exception {
        committed("e1");
        sendQueued();
        clock.advance(Duration.ofSeconds(30));  // the producer's delivery timeout
        // a stage of the publisher's chain wraps the broker's error: the row keeps the error itself
        broker.fail("e1", new CompletionException(new TimeoutException("Expiring 1 record(s)")));
        assertEquals(settings.owner(), store.row("e1").claimedBy(),
                "the database is written on the executor, not on the producer's thread");

        resources.runTasks();
        OutboxEntry row = store.row("e1");
        assertNull(row.claimedBy());
        assertNull(row.claimedUntil());
        assertEquals(1, row.attempts());
        assertEquals("java.util.concurrent.TimeoutException: Expiring 1 record(s)", row.lastError());
        assertEquals(clock.instant().plus(FIRST_BACKOFF), row.nextAttemptAt());
        assertEquals(1, metrics.failures);
        assertEquals(List.of(), store.deletedBatches);
    }

    @Test
    void aFailureReportedAfterAnotherRelayTookTheRowOverLeavesItsClaimAlone() throws Exception {
        committed("e1");
        sendQueued();
        // the claim ran out while the send was in flight (a stalled producer, the servers' clocks apart)
        clock.advance(LEASE.plusMillis(1));
        TransactionalStore otherServer = new TransactionalStore(db, TestSettings.outboxSettings(), clock);
        assertEquals(1, otherServer.claimDue(10).rows().size());

        broker.fail("e1", new IllegalStateException("broker down"));
        resources.runTasks();
        OutboxEntry row = store.row("e1");
        assertEquals(otherServer.settings.owner(), row.claimedBy());
        assertEquals(0, row.attempts());
        assertNull(row.lastError());
        assertEquals(1, metrics.failures, "still counted as a failed send");
    }

    @Test
    void rowsSentWithinTheDeleteDelayAreDeletedTogetherInOneBatch() throws Exception {
        committed(List.of("e1", "e2", "e3"));
        sendQueued();
        broker.ack("e1");
        broker.ack("e2");
        broker.ack("e3");

        assertEquals(List.of(settings.deleteDelay()), resources.delays(),
                "the first row's delete waits for the delay, and the others join it");
        assertEquals(1, resources.runTasks(), "one delete task for the three");
        assertEquals(List.of(List.of("e1", "e2", "e3")), store.deletedBatches);
        assertEquals(0, store.rows());
    }

    @Test
    void moreThan500SentRowsAreDeletedInBatchesOf500() throws Exception {
        List<String> eventIds = IntStream.range(0, 501).mapToObj(i -> "e" + i).toList();
        committed(eventIds);
        sendQueued();
        eventIds.forEach(broker::ack);

        resources.runTasks();
        assertEquals(List.of(500, 1), store.deletedBatches.stream().map(List::size).toList());
        assertEquals(0, store.rows());
    }
}
