package io.playball.groups.api;

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
 * For operators (admin role): groups' outbox, as auth's: the group events not yet sent, with their attempts and last
 * error; send one now; hold and release this server's relay of group events.
 */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/outbox")
@ApplicationScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class GroupOutboxAdminResource {

    @Inject
    OutboxRepair repair;

    @Operation(operationId = "listPendingGroupEvents", summary = "List pending group events (admin)",
            description = "Groups' outbox rows, oldest first, with attempts, next attempt, last error and the relay"
                    + " holding a claim.")
    @APIResponse(responseCode = "200", description = "The pending rows", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = PendingGroupEvent.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    public List<PendingGroupEvent> pending(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return repair.pending(limit).stream().map(PendingGroupEvent::of).toList();
    }

    @Operation(operationId = "sendGroupEventNow", summary = "Send one pending group event now (admin)",
            description = "Whatever its backoff. 404 if it is no longer pending, 409 while a relay is sending it or"
                    + " while an older event of the same group waits (sent first), 503 while the relay's queue is"
                    + " full.")
    @APIResponse(responseCode = "202", description = "Queued for sending", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = PendingGroupEvent.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Path("{eventId}/send")
    public Response sendNow(@PathParam("eventId") String eventId) {
        return OutboxAnswers.sendNow(eventId, repair.sendNow(eventId), PendingGroupEvent::of);
    }

    @Operation(operationId = "getGroupRelayHold", summary = "Is this server's relay of group events held? (admin)",
            description = "Whether an operator holds it, how many group events wait, and how many sweeps the hold"
                    + " has held back.")
    @APIResponse(responseCode = "200", description = "The hold and the backlog", content = @Content(
            mediaType = ApiDoc.JSON, schema = @Schema(implementation = GroupRelayHold.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Path("hold")
    public GroupRelayHold holdState() {
        return new GroupRelayHold(repair.held(), repair.pendingCount(), repair.sweepsHeldBack());
    }

    @Operation(operationId = "holdGroupRelay", summary = "Hold this server's relay of group events (admin)",
            description = "Group changes keep committing with their events; none is sent until the hold is released."
                    + " In memory: a restart releases it. Auth's relay is not affected.")
    @APIResponse(responseCode = "204", description = "Held")
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Path("hold")
    public void hold() {
        repair.hold();
    }

    @Operation(operationId = "releaseGroupRelay", summary = "Release the relay of group events (admin)",
            description = "The relay resumes and drains what waits.")
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
     * @param pending        group events in the outbox, held or not
     * @param sweepsHeldBack sweeps that ran and sent nothing since the hold was put on
     */
    public record GroupRelayHold(boolean held, long pending, long sweepsHeldBack) {
    }

    /** @param claimedBy the relay whose send is in flight until {@code claimedUntil}, or null */
    public record PendingGroupEvent(String eventId, String type, String groupId, long groupVersion, Instant createdAt,
                                    int attempts, Instant nextAttemptAt, String lastError, String claimedBy,
                                    Instant claimedUntil) {
        static PendingGroupEvent of(OutboxEntry e) {
            return new PendingGroupEvent(e.eventId(), e.eventType(), e.aggregateId(), e.aggregateVersion(),
                    e.createdAt(), e.attempts(), e.nextAttemptAt(), e.lastError(), e.claimedBy(), e.claimedUntil());
        }
    }
}
