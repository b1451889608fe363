package io.playball.auth.api;

import io.playball.outbox.internal.OutboxAnswers;
import io.playball.outbox.internal.OutboxEntry;
import io.playball.outbox.internal.OutboxRepair;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For operators (admin role): the outbox rows not yet sent, with their attempts and last error; send one now; hold
 * and release the relay.
 */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/outbox")
@ApplicationScoped
@RolesAllowed("admin")
@OperatorsOnly
@Produces(MediaType.APPLICATION_JSON)
public class OutboxAdminResource {

    @Inject
    OutboxRepair repair;

    /** Oldest first. */
    @Operation(operationId = "listPendingOutboxRows", summary = "List pending outbox rows (admin)",
            description = "Oldest first, with attempts, next attempt, last error and the relay holding a claim.")
    @APIResponse(responseCode = "200", description = "The pending rows", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = PendingRow.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    public List<PendingRow> pending(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return repair.pending(limit).stream().map(PendingRow::of).toList();
    }

    /**
     * 202: queued for sending now; 404: not pending (sent meanwhile); 409: a send of it is in flight, or an older
     * event of its user waits; 503: the relay's queue is full (the sweep sends it).
     */
    @Operation(operationId = "sendOutboxRowNow", summary = "Send one outbox row now (admin)",
            description = "Whatever its backoff. 404 if it is no longer pending, 409 while a relay is sending it or"
                    + " while an older event of the same user waits (sent first).")
    @APIResponse(responseCode = "202", description = "Queued for sending", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = PendingRow.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Path("{eventId}/send")
    public Response sendNow(@PathParam("eventId") String eventId) {
        return OutboxAnswers.sendNow(eventId, repair.sendNow(eventId), PendingRow::of);
    }

    @Operation(operationId = "getRelayHold", summary = "Is this server's relay held? (admin)",
            description = "Whether an operator holds the relay, how many rows wait in the outbox, and how many"
                    + " sweeps the hold has held back.")
    @APIResponse(responseCode = "200", description = "The hold and the backlog", content = @Content(
            mediaType = ApiDoc.JSON, schema = @Schema(implementation = HoldState.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Path("hold")
    public HoldState holdState() {
        return new HoldState(repair.held(), repair.pendingCount(), repair.sweepsHeldBack());
    }

    @Operation(operationId = "holdRelay", summary = "Hold this server's relay (admin)",
            description = "Changes keep committing with their outbox rows; nothing is sent until the hold is released."
                    + " In memory: a restart releases it.")
    @APIResponse(responseCode = "204", description = "Held")
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Path("hold")
    public void hold() {
        repair.hold();
    }

    @Operation(operationId = "releaseRelay",
            summary = "Release the relay (admin)",
            description = "The relay resumes and drains the backlog.")
    @APIResponse(responseCode = "204", description = "Released")
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @DELETE
    @Path("hold")
    public void release() {
        repair.release();
    }

    /**
     * @param pending rows in the outbox, held or not
     * @param sweepsHeldBack sweeps that ran and sent nothing since the hold was put on
     */
    public record HoldState(boolean held, long pending, long sweepsHeldBack) {
    }

    /**
     * @param claimedBy the relay whose send is in flight until {@code claimedUntil}, or null
     */
    public record PendingRow(String eventId, String type, String userId, long userVersion, Instant createdAt,
                             int attempts, Instant nextAttemptAt, String lastError, String claimedBy,
                             Instant claimedUntil) {
        static PendingRow of(OutboxEntry e) {
            return new PendingRow(e.eventId(), e.eventType(), e.aggregateId(), e.aggregateVersion(), e.createdAt(),
                    e.attempts(), e.nextAttemptAt(), e.lastError(), e.claimedBy(), e.claimedUntil());
        }
    }
}
