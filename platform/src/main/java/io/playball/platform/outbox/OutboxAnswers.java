package io.playball.platform.outbox;

import io.playball.platform.api.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.function.Function;

/** How an operator's "send this row now" ends, as every service's outbox resource answers it. */
public final class OutboxAnswers {

    private OutboxAnswers() {
    }

    /**
     * 202 with the row as the service shows it; 404 not pending (sent meanwhile); 409 a send of it is in flight, or
     * an older event of its key waits (which goes first); 503 the relay's queue is full (the sweep sends it).
     */
    public static Response sendNow(String eventId, OutboxStore.Claim claim, Function<OutboxEntry, ?> row) {
        return switch (claim.result()) {
            case CLAIMED -> Response.accepted(row.apply(claim.row())).build();
            case IN_FLIGHT -> Problem.of(Status.CONFLICT, "send-in-flight",
                    "A relay is sending event " + eventId + " now; look again shortly").toResponse();
            case BEHIND_OLDER -> Problem.of(Status.CONFLICT, "older-event-waiting",
                    "An older event of the same key waits in the outbox; events of one key are sent in order:"
                            + " send the oldest first").toResponse();
            case NOT_PENDING -> Problem.of(Status.NOT_FOUND, "not-pending",
                    "Event " + eventId + " is not in the outbox: it was sent, or never existed").toResponse();
            case RELAY_BUSY -> Problem.of(Status.SERVICE_UNAVAILABLE, "relay-busy",
                    "The relay's queue is full; the sweep sends event " + eventId + " when it has room")
                    .toResponseBuilder().header("Retry-After", "5").build();
        };
    }
}
