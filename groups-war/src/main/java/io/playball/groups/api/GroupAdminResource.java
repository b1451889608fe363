package io.playball.groups.api;

import io.playball.groups.group.GroupService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** For operators (admin role): any group with its members, whether or not the caller belongs to it. */
@Path("admin/groups/{id}")
@RequestScoped
@RolesAllowed("admin")
public class GroupAdminResource {

    @Inject
    GroupService groups;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public GroupResponses.GroupView get(@PathParam("id") String id) {
        return groups.inspect(id).map(GroupResponses.GroupView::of).orElseThrow(NotFoundException::new);
    }
}
