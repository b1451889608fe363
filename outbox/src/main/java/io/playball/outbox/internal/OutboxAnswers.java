package io.playball.outbox.internal;

import jakarta.json.Json;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.function.Function;

/** How an operator's "send this row now" ends, as every service's outbox resource answers it. */
public final class OutboxAnswers {

    /** RFC 9457: a problem's type names its kind, so that clients can branch on it. */
    static final String PROBLEM_TYPE_PREFIX = "urn:playball:problem:";

    private OutboxAnswers() {
    }

    /**
     * 202 with the row as the service shows it; 404 not pending (sent meanwhile); 409 a send of it is in flight, an
     * older event of its key waits (which goes first), or this server's relay is off; 503 the relay's queue is full
     * (the sweep sends it).
     */
    public static Response sendNow(String eventId, OutboxStore.Claim claim, Function<OutboxEntry, ?> row) {
        return switch (claim.result()) {
            case CLAIMED -> Response.accepted(row.apply(claim.row())).build();
            case IN_FLIGHT -> problem(Status.CONFLICT, "send-in-flight",
                    "A relay is sending event " + eventId + " now; look again shortly").build();
            case BEHIND_OLDER -> problem(Status.CONFLICT, "older-event-waiting",
                    "An older event of the same key waits in the outbox; events of one key are sent in order:"
                            + " send the oldest first").build();
            case NOT_PENDING -> problem(Status.NOT_FOUND, "not-pending",
                    "Event " + eventId + " is not in the outbox: it was sent, or never existed").build();
            case RELAY_OFF -> problem(Status.CONFLICT, "relay-off",
                    "This server's relay is off: the relays of the other servers send event " + eventId
                            + "; ask one of them").build();
            case RELAY_BUSY -> problem(Status.SERVICE_UNAVAILABLE, "relay-busy",
                    "The relay's queue is full; the sweep sends event " + eventId + " when it has room")
                    .header("Retry-After", "5").build();
        };
    }

    /** An RFC 9457 body, written here so that the library needs nothing of the application's REST layer. */
    static Response.ResponseBuilder problem(Status status, String slug, String detail) {
        String body = Json.createObjectBuilder()
                .add("type", PROBLEM_TYPE_PREFIX + slug)
                .add("title", status.getReasonPhrase())
                .add("status", status.getStatusCode())
                .add("detail", detail)
                .build().toString();
        return Response.status(status).type("application/problem+json").entity(body);
    }
}
