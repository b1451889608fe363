package io.playball.groups.api;

import io.playball.groups.group.GroupService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The groups API. The caller is the token's subject; what they may see and change is decided by GroupService. */
@Path("groups")
@RequestScoped
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {

    @Inject
    GroupService groups;

    @Inject
    JsonWebToken caller;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = "a JSON body is required") @Valid GroupRequests.CreateGroup request) {
        GroupService.GroupWithRole created = groups.create(caller.getSubject(), request.name());
        return Response.created(uri.getAbsolutePathBuilder().path(created.group().id()).build())
                .entity(GroupResponses.GroupSummary.of(created))
                .build();
    }

    @GET
    public List<GroupResponses.GroupSummary> mine() {
        return groups.groupsOf(caller.getSubject()).stream().map(GroupResponses.GroupSummary::of).toList();
    }

    @GET
    @Path("{id}")
    public GroupResponses.GroupView get(@PathParam("id") String id) {
        return GroupResponses.GroupView.of(groups.get(caller.getSubject(), id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public GroupResponses.GroupView rename(@PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid GroupRequests.RenameGroup request) {
        groups.rename(caller.getSubject(), id, request.name(), request.version());
        return GroupResponses.GroupView.of(groups.get(caller.getSubject(), id));
    }

    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id) {
        groups.delete(caller.getSubject(), id);
    }

    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putMember(@PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid GroupRequests.PutMember request) {
        boolean added = groups.putMember(caller.getSubject(), id, request.userId(), request.role());
        GroupResponses.GroupView view = GroupResponses.GroupView.of(groups.get(caller.getSubject(), id));
        return (added ? Response.status(Response.Status.CREATED) : Response.ok()).entity(view).build();
    }

    @DELETE
    @Path("{id}/members/{userId}")
    public void removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        groups.removeMember(caller.getSubject(), id, userId);
    }
}
