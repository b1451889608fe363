package io.playball.groups.api;

import io.playball.groups.userview.UserDirectory;
import io.playball.groups.userview.UserView;
import io.playball.outbox.Inbox;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For operators (admin role): what the user view holds for a user, and how many of their events were consumed. */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/users/{userId}")
@ApplicationScoped
@RolesAllowed("admin")
public class UserViewAdminResource {

    private static final int CONSISTENT_READ_ATTEMPTS = 5;

    @Inject
    UserDirectory users;

    @Inject
    Inbox inbox;

    @Operation(operationId = "getUserView", summary = "Read a user's view entry (admin)",
            description = "What groups holds for the user and how many of their events it consumed.")
    @APIResponse(responseCode = "200", description = "The entry", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = UserViewEntry.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public UserViewEntry get(@PathParam("userId") String userId) {
        // The view row and the count come from two statements, between which the consumer may commit a batch: read
        // the count on both sides of the row and keep a reading where they agree. Each applied event adds an inbox
        // row in the transaction that updates the view, so equal counts mean the row matches them.
        long before = inbox.countFor(userId);
        for (int attempt = 1; ; attempt++) {
            UserView view = users.find(userId).orElseThrow(NotFoundException::new);
            long after = inbox.countFor(userId);
            if (after == before || attempt == CONSISTENT_READ_ATTEMPTS) {
                return new UserViewEntry(view.userId(), view.displayName(), view.version(), view.deleted(), after);
            }
            before = after;
        }
    }

    /** @param consumedEvents inbox rows of this user: each consumed event once, applied or found stale */
    public record UserViewEntry(String userId, String displayName, long version, boolean deleted, long consumedEvents) {
    }
}
