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
     * 202 with the row as the service shows it; 404 not pending (sent meanwhile); 409 a send of it is in flight; 503
     * the relay's queue is full (the sweep sends it once its claim expires).
     */
    public static Response sendNow(String eventId, OutboxStore.Claim claim, Function<OutboxEntry, ?> row) {
        return switch (claim.result()) {
            case CLAIMED -> Response.accepted(row.apply(claim.row())).build();
            case IN_FLIGHT -> Problem.of(Status.CONFLICT, "send-in-flight",
                    "A relay is sending event " + eventId + " now; look again shortly").toResponse();
            case NOT_PENDING -> Problem.of(Status.NOT_FOUND, "not-pending",
                    "Event " + eventId + " is not in the outbox: it was sent, or never existed").toResponse();
            case RELAY_BUSY -> Problem.of(Status.SERVICE_UNAVAILABLE, "relay-busy",
                    "The relay's queue is full; the sweep sends event " + eventId + " once its claim expires")
                    .toResponseBuilder().header("Retry-After", "30").build();
        };
    }
}
