package io.playball.outbox.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.playball.outbox.OutboxDatabase;
import io.playball.outbox.OutboxMessage;
import io.playball.outbox.OutboxWriter;
import io.playball.outbox.PayloadTooLargeException;
import io.playball.outbox.PendingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionRequiredException;
import jakarta.transaction.TransactionalException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The library's {@link OutboxWriter}: each row goes behind the waiting rows of its key, claimed for this server's fast
 * path when it may go at once.
 */
@ApplicationScoped
public class OutboxAppender implements OutboxWriter {

    /** The longest tracestate the row keeps (W3C asks vendors to carry at least this much); a longer one is dropped. */
    static final int MAX_TRACE_STATE = 512;

    @Inject
    @OutboxDatabase
    EntityManager em;

    @Inject
    OutboxSettings settings;

    @Inject
    OutboxHold hold;

    @Inject
    Clock clock;

    /** The write is a span of its own, child of the request's: the row keeps its context, each send continues it. */
    @Inject
    Tracer tracer;

    @Inject
    OutboxVacuum vacuum;

    /** Observed after commit by {@link OutboxRelay}; never delivered if the transaction rolls back. */
    @Inject
    Event<PendingEvent> committed;

    /**
     * Appends the event behind any rows of its key that still wait, in the caller's transaction. The row is claimed
     * for this server's fast path when nothing of its key waits, or when everything that waits is this relay's live
     * claim (it then goes right after those rows). Otherwise it is written due now but unclaimed, and the sweep sends
     * it once every older row of its key has gone; so too while the relay is held, and always on a server whose relay
     * is off (another server's sweep sends it). Order per key relies on the caller's lock on the aggregate, which
     * makes two changes of one key commit one after the other.
     */
    @Override
    public void append(OutboxMessage event) {
        long limit = settings.payloadLimit();
        if (!Utf8.fits(event.payload(), limit)) {
            // here, where the caller can still answer for it, not in the relay, which could only fail every send
            throw new PayloadTooLargeException(event.eventId(), Utf8.length(event.payload()), limit);
        }
        if (!em.isJoinedToTransaction()) {
            // TxType.MANDATORY's own exception, with a message that says what went wrong
            throw new TransactionalException("OutboxWriter.append needs the transaction that makes the change: call it"
                    + " from a @Transactional method (TxType.MANDATORY). Alone, event " + event.eventId()
                    + " would be sent whether or not its change commits", new TransactionRequiredException());
        }
        Span span = tracer.spanBuilder("outbox append").setSpanKind(SpanKind.INTERNAL)
                .setAttribute("messaging.message.id", event.eventId())
                .setAttribute("playball.event.type", event.type())
                .startSpan();
        try {
            Map<String, String> trace = TraceContext.headersOf(span);
            String traceState = trace.get(TraceContext.TRACESTATE);
            PendingEvent pending = new PendingEvent(event.eventId(), event.type(), event.key(), event.occurredAt(),
                    event.payload(), trace.get(TraceContext.TRACEPARENT),
                    traceState == null || traceState.length() > MAX_TRACE_STATE ? null : traceState, null, false, 0);
            Instant now = clock.instant();
            Waiting waiting = waiting(event.key(), now);
            if (!settings.relayEnabled() || hold.isHeld() || !waiting.allClaimedHere()) {
                em.persist(OutboxEntry.heldOnWrite(pending, event.aggregateVersion(), waiting.nextSeq(), now,
                        Duration.ZERO));
                vacuum.written(1);
                return;
            }
            OutboxEntry entry = OutboxEntry.claimedOnWrite(pending, event.aggregateVersion(), waiting.nextSeq(), now,
                    settings.owner(), settings.claimLease());
            em.persist(entry);
            vacuum.written(1);
            committed.fire(entry.toPending(waiting.count() > 0));
        } finally {
            span.end();
        }
    }

    /** What of the key waits: read after this transaction's own earlier rows are flushed. */
    private Waiting waiting(String key, Instant now) {
        List<Object[]> rows = em.createNamedQuery("OutboxEntry.ofKey", Object[].class)
                .setParameter("key", key)
                .getResultList();
        long last = -1;
        boolean allClaimedHere = true;
        for (Object[] row : rows) {
            last = Math.max(last, ((Number) row[0]).longValue());
            Instant until = (Instant) row[2];
            allClaimedHere &= settings.owner().equals(row[1]) && until != null && until.isAfter(now);
        }
        return new Waiting(rows.size(), last + 1, allClaimedHere);
    }

    /** @param nextSeq the new row's place among its key's waiting rows */
    private record Waiting(int count, long nextSeq, boolean allClaimedHere) {
    }
}
