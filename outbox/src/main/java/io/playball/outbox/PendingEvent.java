package io.playball.outbox;

import io.playball.outbox.internal.TraceContext;
import java.time.Instant;

/**
 * An outbox row on its way to Kafka: everything the relay needs to send it, nothing it needs to look up, and until
 * when this relay's claim on it holds (null for a row nobody has claimed). Fired as a CDI event inside the writing
 * transaction and observed after it commits.
 *
 * @param key         the record key, the aggregate's id
 * @param traceParent the W3C trace context of the change's outbox write (null when tracing was off), so that every
 *                    send of the row, however late, joins the change's trace
 * @param follows     written, or claimed by a sweep, behind older rows of its key that this relay held: it may go
 *                    only once they have gone, right after them
 * @param keySeq      the row's place among the waiting rows of its key ({@link OutboxEntry}'s key_seq): a row that
 *                    follows joins its key's lane only right behind the row one place before it
 */
public record PendingEvent(String eventId, String type, String key, Instant occurredAt, String payload,
                           String traceParent, String traceState, Instant claimedUntil, boolean follows,
                           long keySeq) {

    /** The row's trace context as the header of that name ({@code traceparent}, {@code tracestate}); null if none. */
    public String traceHeader(String name) {
        return switch (name) {
            case TraceContext.TRACEPARENT -> traceParent;
            case TraceContext.TRACESTATE -> traceState;
            default -> null;
        };
    }
}
