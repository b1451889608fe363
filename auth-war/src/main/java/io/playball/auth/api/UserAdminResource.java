package io.playball.auth.api;

import io.playball.auth.account.AccountService;
import io.playball.auth.messaging.UserEvent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** For operators (admin role): re-emit a user's current state, to repair a user view damaged by hand. */
@Path("admin/users/{id}/reemit")
@RequestScoped
@RolesAllowed("admin")
public class UserAdminResource {

    @Inject
    AccountService accounts;

    /**
     * Writes a fresh {@code UserUpdated} event with the account's current display name at a new version, above
     * {@code aboveVersion} when given (the damaged view's version, if it was raised by hand). 202: in the outbox.
     */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response reemit(@PathParam("id") String id,
                           @QueryParam("aboveVersion") @DefaultValue("0") @Min(0) long aboveVersion) {
        UserEvent event = accounts.reemit(id, aboveVersion);
        return Response.accepted(new Reemitted(event.userId(), event.eventId().toString(), event.type().name(),
                event.userVersion())).build();
    }

    public record Reemitted(String userId, String eventId, String type, long userVersion) {
    }
}
