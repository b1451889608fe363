package io.playball.groups.api;

import io.playball.groups.inbox.Inbox;
import io.playball.groups.userview.UserDirectory;
import io.playball.groups.userview.UserView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** For operators (admin role): what the user view holds for a user, and how many of their events were consumed. */
@Path("admin/users/{userId}")
@RequestScoped
@RolesAllowed("admin")
public class UserViewAdminResource {

    @Inject
    UserDirectory users;

    @Inject
    Inbox inbox;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public UserViewEntry get(@PathParam("userId") String userId) {
        UserView view = users.find(userId).orElseThrow(NotFoundException::new);
        return new UserViewEntry(view.userId(), view.displayName(), view.version(), view.deleted(),
                inbox.countForUser(userId));
    }

    /** @param consumedEvents inbox rows of this user: each consumed event once, applied or found stale */
    public record UserViewEntry(String userId, String displayName, long version, boolean deleted, long consumedEvents) {
    }
}
