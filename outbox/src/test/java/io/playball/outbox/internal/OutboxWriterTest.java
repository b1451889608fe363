package io.playball.outbox.internal;

import io.playball.outbox.OutboxMessage;
import io.playball.outbox.PayloadTooLargeException;
import io.playball.outbox.PendingEvent;
import static io.playball.outbox.internal.TestSettings.LEASE;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import io.playball.platform.persistence.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionalException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The row and the event the writer adds to the caller's transaction: claimed for this server's fast path, or left to
 * the sweep while the outbox is held; and the write's trace context, kept on the row for every later send.
 */
class OutboxWriterTest {

    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final int MEBIBYTE = 1_048_576;

    private static final TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml");

    private final MovingClock clock = new MovingClock();
    private final OutboxSettings settings = TestSettings.outboxSettings();
    private final TransactionalStore store = new TransactionalStore(db, settings, clock);
    private final EntityManager em = db.entityManager();
    private final FiredEvents events = new FiredEvents(() -> em.getTransaction().isActive());
    private final OutboxHold hold = new OutboxHold();
    private final OutboxAppender writer = new OutboxAppender();

    @BeforeEach
    void setUp() {
        store.deleteAll();
        writer.em = em;
        writer.settings = settings;
        writer.vacuum = new OutboxVacuum();
        writer.vacuum.settings = settings;
        writer.hold = hold;
        writer.clock = clock;
        // the noop tracer's span carries the request's context, as a recording one would carry its trace
        writer.tracer = TracerProvider.noop().get("test");
        writer.committed = events;
    }

    @AfterAll
    static void close() {
        db.close();
    }

    /** In the application's transaction, as the writer demands. */
    private void append(String eventId) {
        OutboxMessage message = new OutboxMessage(eventId, "Renamed", "user-1", 7, clock.instant().minusMillis(5),
                "{\"name\":\"Ada\"}");
        runInTransaction(em, e -> writer.append(message));
    }

    /** Appends during a request whose span has this trace state. */
    private PendingEvent appendTraced(String eventId, TraceState traceState) {
        SpanContext request = SpanContext.create(TRACE_ID, "b7ad6b7169203331", TraceFlags.getSampled(), traceState);
        try (Scope ignored = Span.wrap(request).makeCurrent()) {
            append(eventId);
        }
        return store.row(eventId).toPending();
    }

    @Test
    void anAppendOutsideATransactionIsRefusedAndSaysWhy() {
        OutboxMessage message = new OutboxMessage("e0", "Renamed", "user-1", 7, clock.instant(), "{}");

        TransactionalException refused = assertThrows(TransactionalException.class, () -> writer.append(message));

        assertTrue(refused.getMessage().contains("needs the transaction that makes the change"), refused.getMessage());
        assertTrue(refused.getCause() instanceof TransactionRequiredException);
        assertNull(store.row("e0"));
        assertTrue(events.fired.isEmpty());
    }

    @Test
    void aPayloadOfAMebibyteIsWrittenAndReadBackWhole() {
        String payload = payloadOf(MEBIBYTE);
        OutboxMessage message = new OutboxMessage("e-large", "Renamed", "user-1", 7, clock.instant(), payload);

        runInTransaction(em, e -> writer.append(message));

        assertEquals(payload, store.row("e-large").toPending().payload());
        assertEquals(payload, events.fired.get(0).event().payload());
    }

    @Test
    void aLargerPayloadIsRefusedAtAppendNamingTheLimitAndNothingIsWritten() {
        OutboxMessage message = new OutboxMessage("e-larger", "Renamed", "user-1", 7, clock.instant(),
                payloadOf(MEBIBYTE + 1));

        PayloadTooLargeException refused = assertThrows(PayloadTooLargeException.class,
                () -> runInTransaction(em, e -> writer.append(message)));

        assertEquals(MEBIBYTE + 1, refused.bytes());
        assertEquals(MEBIBYTE, refused.limit());
        assertTrue(refused.getMessage().contains("1048576"), refused.getMessage());
        assertNull(store.row("e-larger"));
        assertTrue(events.fired.isEmpty());
    }

    @Test
    void thePayloadIsMeasuredInUtf8NotInCharacters() {
        // 349,526 euro signs: a third of the limit in characters, three bytes each in UTF-8
        String euros = "\u20ac".repeat(MEBIBYTE / 3 + 1);
        OutboxMessage message = new OutboxMessage("e-euros", "Renamed", "user-1", 7, clock.instant(), euros);

        PayloadTooLargeException refused = assertThrows(PayloadTooLargeException.class,
                () -> runInTransaction(em, e -> writer.append(message)));

        assertEquals(3L * (MEBIBYTE / 3 + 1), refused.bytes());
    }

    /** A JSON payload of exactly {@code bytes} bytes in UTF-8, with characters of one, two, three and four bytes. */
    private static String payloadOf(int bytes) {
        String head = "{\"note\":\"\u00e9\u20ac\ud83c\udfbe";  // 9 + 2 + 3 + 4 bytes
        String tail = "\"}";
        return head + "x".repeat(bytes - 18 - tail.length()) + tail;
    }

    @Test
    void theRowIsWrittenClaimedByThisRelayAndFiredForAfterCommit() {
        append("e1");

        OutboxEntry row = store.row("e1");
        assertEquals(settings.owner(), row.claimedBy());
        assertEquals(clock.instant().plus(LEASE), row.claimedUntil());
        assertEquals(clock.instant(), row.nextAttemptAt());
        assertEquals(0, row.attempts());
        assertEquals(clock.instant().minusMillis(5), row.createdAt(), "the backlog's age counts from the change");
        assertEquals(7, row.aggregateVersion());
        assertNull(row.toPending().traceParent(), "no trace without a request span");
        assertEquals(List.of(new FiredEvents.Fired(row.toPending(), true)), events.fired);
    }

    @Test
    void whileTheOutboxIsHeldTheRowIsWrittenUnclaimedDueNowAndNothingFired() {
        hold.set(true);
        append("e1");

        OutboxEntry row = store.row("e1");
        assertNull(row.claimedBy());
        assertNull(row.claimedUntil());
        assertEquals(clock.instant(), row.nextAttemptAt(), "the first sweep after the release takes it");
        assertEquals(List.of(), events.fired);
    }

    @Test
    void withThisServersRelayOffTheRowIsLeftUnclaimedForTheOtherServersAndNothingFired() {
        settings.relayEnabled = false;
        append("e1");

        OutboxEntry row = store.row("e1");
        assertNull(row.claimedBy());
        assertEquals(clock.instant(), row.nextAttemptAt(), "any other server's next sweep takes it");
        assertEquals(List.of(), events.fired);
    }

    @Test
    void theTraceContextOfTheWriteIsKeptOnTheRow() {
        // 512 characters, as long as the row keeps
        TraceState longest = TraceState.builder().put("a", "x".repeat(254)).put("b", "y".repeat(253)).build();
        PendingEvent row = appendTraced("e1", longest);

        assertTrue(row.traceParent().startsWith("00-" + TRACE_ID + "-"), row.traceParent());
        assertEquals(512, row.traceState().length());
        assertEquals(row, events.fired.get(0).event(), "the fast path sends with the same context");
    }

    @Test
    void anOverlongTracestateIsDroppedAndTheTraceparentKept() {
        TraceState tooLong = TraceState.builder().put("a", "x".repeat(254)).put("b", "y".repeat(254)).build();
        PendingEvent row = appendTraced("e1", tooLong);

        assertTrue(row.traceParent().startsWith("00-" + TRACE_ID + "-"), row.traceParent());
        assertNull(row.traceState());
        assertEquals(row, events.fired.get(0).event());
    }
}
