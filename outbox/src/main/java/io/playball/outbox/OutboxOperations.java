package io.playball.outbox;

import io.playball.outbox.internal.OutboxAnswers;
import io.playball.outbox.internal.OutboxEntry;
import io.playball.outbox.internal.OutboxRepair;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The operator's endpoints on the application's outbox: the rows not yet sent with their attempts and last error,
 * sending one now, holding and releasing this server's relay. The application exposes them by extending this class
 * with its own path and role, so that it decides who an operator is. The role is checked here, at each call, from the
 * subclass's {@code @RolesAllowed}: a container applies that annotation to the methods a class declares, not to the
 * ones it inherits. A subclass without it refuses every caller.
 *
 * <pre>{@code
 * @Path("admin/outbox")
 * @RolesAllowed("admin")
 * @ApplicationScoped
 * public class OutboxEndpoints extends OutboxOperations {
 * }
 * }</pre>
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class OutboxOperations {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    OutboxRepair repair;

    @Context
    SecurityContext caller;

    @Operation(operationId = "listPendingOutboxRows", summary = "List the outbox rows not yet sent (operators)",
            description = "Oldest first, with attempts, next attempt, last error and the relay holding a claim.")
    @APIResponse(responseCode = "200", description = "The pending rows", content = @Content(
            mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = PendingRow.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", description = "The limit is not between 1 and 1,000",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
    @APIResponse(responseCode = "403", description = "The caller is not an operator",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @APIResponse(responseCode = "503", description = "The database cannot be reached now",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @GET
    public List<PendingRow> pending(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        requireOperator();
        return repair.pending(limit).stream().map(PendingRow::of).toList();
    }

    @Operation(operationId = "sendOutboxRowNow", summary = "Send one outbox row now, whatever its backoff (operators)",
            description = "202 when queued; 404 if it is no longer pending; 409 while a relay is sending it, while an"
                    + " older row of the same key waits (that one goes first) or when this server's relay is off;"
                    + " 503 while the relay's queue is full.")
    @APIResponse(responseCode = "202", description = "Queued for sending", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PendingRow.class)))
    @APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
    @APIResponse(responseCode = "403", description = "The caller is not an operator",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @APIResponse(responseCode = "404", description = "Not in the outbox: sent, or never written",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @APIResponse(responseCode = "409", description = "In flight, behind an older row of its key, or relay off",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @APIResponse(responseCode = "503", description = "The relay's queue is full; the sweep sends it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @POST
    @Path("{eventId}/send")
    public Response sendNow(@PathParam("eventId") String eventId) {
        requireOperator();
        return OutboxAnswers.sendNow(eventId, repair.sendNow(eventId), PendingRow::of);
    }

    @Operation(operationId = "getRelayHold", summary = "Is this server's relay held? (operators)",
            description = "The channel, whether an operator holds its relay, how many rows wait, and how many sweeps"
                    + " the hold has held back.")
    @APIResponse(responseCode = "200", description = "The hold and the backlog", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RelayHold.class)))
    @APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
    @APIResponse(responseCode = "403", description = "The caller is not an operator",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @APIResponse(responseCode = "503", description = "The database cannot be reached now",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @GET
    @Path("hold")
    public RelayHold holdState() {
        requireOperator();
        return new RelayHold(repair.channel(), repair.held(), repair.pendingCount(), repair.sweepsHeldBack());
    }

    @Operation(operationId = "holdRelay", summary = "Hold this server's relay (operators)",
            description = "Changes keep committing with their outbox rows; none is sent until the hold is released."
                    + " In memory: a restart releases it. Other channels' relays are not affected.")
    @APIResponse(responseCode = "204", description = "Held")
    @APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
    @APIResponse(responseCode = "403", description = "The caller is not an operator",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @POST
    @Path("hold")
    public void hold() {
        requireOperator();
        repair.hold();
    }

    @Operation(operationId = "releaseRelay", summary = "Release this server's relay (operators)",
            description = "The relay resumes and drains what waits.")
    @APIResponse(responseCode = "204", description = "Released")
    @APIResponse(responseCode = "401", description = "No token, or an invalid or expired one")
    @APIResponse(responseCode = "403", description = "The caller is not an operator",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = OutboxProblem.class)))
    @DELETE
    @Path("hold")
    public void release() {
        requireOperator();
        repair.release();
    }

    /** 401 without a caller, 403 for a caller in none of the subclass's roles. */
    private void requireOperator() {
        if (caller.getUserPrincipal() == null) {
            throw new NotAuthorizedException("Bearer");
        }
        if (Arrays.stream(operatorRoles()).noneMatch(caller::isUserInRole)) {
            throw new ForbiddenException("Only operators may use the outbox's endpoints");
        }
    }

    /** The nearest {@code @RolesAllowed} up from the concrete class (a CDI proxy extends the application's class). */
    private String[] operatorRoles() {
        for (Class<?> c = getClass(); c != OutboxOperations.class && c != null; c = c.getSuperclass()) {
            RolesAllowed roles = c.getAnnotation(RolesAllowed.class);
            if (roles != null) {
                return roles.value();
            }
        }
        return new String[0];
    }

    /**
     * @param key       the record key, the aggregate's id
     * @param version   the aggregate's version the row carries
     * @param claimedBy the relay whose send is in flight until {@code claimedUntil}, or null
     */
    public record PendingRow(String eventId, String type, String key, long version, Instant createdAt, int attempts,
                             Instant nextAttemptAt, String lastError, String claimedBy, Instant claimedUntil) {
        static PendingRow of(OutboxEntry e) {
            return new PendingRow(e.eventId(), e.eventType(), e.aggregateId(), e.aggregateVersion(), e.createdAt(),
                    e.attempts(), e.nextAttemptAt(), e.lastError(), e.claimedBy(), e.claimedUntil());
        }
    }

    /**
     * @param pending        rows in the outbox, held or not
     * @param sweepsHeldBack sweeps that ran and sent nothing since the hold was put on
     */
    public record RelayHold(String channel, boolean held, long pending, long sweepsHeldBack) {
    }

    /** The RFC 9457 body of the endpoints' own errors. */
    @Schema(name = "OutboxProblem", description = "An RFC 9457 problem detail; type is a URN naming the kind")
    public record OutboxProblem(String type, String title, int status, String detail) {
    }
}
