package io.playball.groups.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** GET /groups: the caller's groups. The groups service is filled in by its own issue; for now it has none. */
@Path("groups")
@RequestScoped
@RolesAllowed("user")
public class GroupsResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Object> myGroups() {
        return List.of();
    }
}
