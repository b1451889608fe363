package io.playball.groups.api;

import io.playball.outbox.internal.InboxRetention;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For operators (admin role): run the inbox purge now, optionally with a shorter retention than configured. */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/inbox/purge")
@ApplicationScoped
@RolesAllowed("admin")
public class InboxAdminResource {

    @Inject
    InboxRetention retention;

    @Operation(operationId = "purgeInbox", summary = "Purge old inbox rows now (admin)",
            description = "Deletes inbox rows older than olderThan (ISO-8601 duration; default the configured"
                    + " retention).")
    @APIResponse(responseCode = "200", description = "How many rows were deleted",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(implementation = PurgeResult.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public PurgeResult purge(@QueryParam("olderThan") String olderThan) {
        Duration age = retention.retention();
        if (olderThan != null) {
            try {
                age = Duration.parse(olderThan);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("olderThan must be an ISO-8601 duration such as PT1H");
            }
            if (age.isNegative()) {  // "older than the future" would purge the whole inbox
                throw new BadRequestException("olderThan must not be negative");
            }
        }
        return new PurgeResult(age.toString(), retention.purgeOlderThan(age));
    }

    public record PurgeResult(String olderThan, long purged) {
    }
}
