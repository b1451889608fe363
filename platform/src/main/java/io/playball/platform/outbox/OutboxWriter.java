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

    /** While the relay is held, the row is written due now but unclaimed, so that the sweep takes it on release. */
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
                    traceState == null || traceState.length() > MAX_TRACE_STATE ? null : traceState, null);
            Instant now = clock.instant();
            if (hold.isHeld()) {
                em.persist(OutboxEntry.heldOnWrite(pending, event.aggregateVersion(), now, Duration.ZERO));
                return;
            }
            OutboxEntry entry = OutboxEntry.claimedOnWrite(pending, event.aggregateVersion(), now, settings.owner(),
                    settings.claimLease());
            em.persist(entry);
            committed.fire(entry.toPending());
        } finally {
            span.end();
        }
    }
}
