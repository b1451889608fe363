package io.playball.auth.api;

import io.playball.auth.account.AccountService;
import io.playball.auth.event.UserEvent;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For operators (admin role): re-emit a user's current state, to repair a user view damaged by hand. */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/users/{id}/reemit")
@ApplicationScoped
@RolesAllowed("admin")
@OperatorsOnly
public class UserAdminResource {

    /** Far above any real account's version, far below where a version could overflow. */
    static final long MAX_VERSION = 1_000_000_000_000L;

    @Inject
    AccountService accounts;

    /**
     * Writes a fresh {@code UserUpdated} event with the account's current display name at a new version, above
     * {@code aboveVersion} when given (the damaged view's version, if it was raised by hand). 202: in the outbox.
     */
    @Operation(operationId = "reemitUser", summary = "Re-emit a user's current state (admin)",
            description = "Publishes a fresh UserUpdated through the outbox, at a version above the account's and"
                    + " aboveVersion, to repair a damaged view.")
    @APIResponse(responseCode = "202", description = "In the outbox", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = Reemitted.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response reemit(@PathParam("id") String id,
                           @QueryParam("aboveVersion") @DefaultValue("0") @Min(0)
                           @Max(value = MAX_VERSION, message = "must be at most " + MAX_VERSION) long aboveVersion) {
        UserEvent event = accounts.reemit(id, aboveVersion);
        return Response.accepted(new Reemitted(event.userId(), event.eventId().toString(), event.type().name(),
                event.userVersion())).build();
    }

    public record Reemitted(String userId, String eventId, String type, long userVersion) {
    }
}
