package io.playball.platform.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.playball.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Appends an event to the outbox inside the caller's transaction: the change and its event commit or roll back together. */
@ApplicationScoped
public class OutboxWriter {

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

    /** Observed after commit by {@link OutboxRelay}; never delivered if the transaction rolls back. */
    @Inject
    Event<PendingEvent> committed;

    /**
     * Appends the event behind any rows of its key that still wait, in the caller's transaction. The row is claimed
     * for this server's fast path when nothing of its key waits, or when everything that waits is this relay's live
     * claim (it then goes right after those rows). Otherwise it is written due now but unclaimed, and the sweep sends
     * it once every older row of its key has gone; so too while the relay is held. Order per key relies on the
     * caller's lock on the aggregate, which makes two changes of one key commit one after the other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(OutboxMessage event) {
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
            if (hold.isHeld() || !waiting.allClaimedHere()) {
                em.persist(OutboxEntry.heldOnWrite(pending, event.aggregateVersion(), waiting.nextSeq(), now,
                        Duration.ZERO));
                return;
            }
            OutboxEntry entry = OutboxEntry.claimedOnWrite(pending, event.aggregateVersion(), waiting.nextSeq(), now,
                    settings.owner(), settings.claimLease());
            em.persist(entry);
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
