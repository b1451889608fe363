package io.playball.groups.api;

import io.playball.groups.group.GroupService;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The groups API. The caller is the token's subject; what they may see and change is decided by GroupService. */
@Tag(name = "groups")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("groups")
@ApplicationScoped
@RolesAllowed("user")
@Produces(MediaType.APPLICATION_JSON)
public class GroupsResource {

    @Inject
    GroupService groups;

    /** Per request: an application-scoped resource gets a proxy that reads the current request's. */
    @Context
    SecurityContext security;

    @Context
    UriInfo uri;

    @Operation(operationId = "createGroup", summary = "Create a group",
            description = "The caller becomes its admin. 409 user-not-known-yet with Retry-After while the caller's"
                    + " registration has not reached groups.")
    @APIResponse(responseCode = "201", description = "Created; Location is the group",
            headers = @Header(name = "Location", description = "the new group",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = GroupResponses.GroupSummary.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull(message = "a JSON body is required") @Valid GroupRequests.CreateGroup request) {
        GroupService.GroupWithRole created = groups.create(caller(), request.name());
        return Response.created(uri.getAbsolutePathBuilder().path(created.group().id()).build())
                .entity(GroupResponses.GroupSummary.of(created))
                .build();
    }

    @Operation(operationId = "listMyGroups", summary = "List the caller's groups")
    @APIResponse(responseCode = "200", description = "The caller's groups with their role",
            content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = GroupResponses.GroupSummary.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    public List<GroupResponses.GroupSummary> mine() {
        return groups.groupsOf(caller()).stream().map(GroupResponses.GroupSummary::of).toList();
    }

    @Operation(operationId = "getGroup",
            summary = "Read a group with its members",
            description = "Members only; 404 for anyone else.")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = GroupResponses.GroupView.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Path("{id}")
    public GroupResponses.GroupView get(@PathParam("id") String id) {
        return GroupResponses.GroupView.of(groups.get(caller(), id));
    }

    @Operation(operationId = "renameGroup",
            summary = "Rename a group",
            description = "Admins only; needs the version last read.")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = GroupResponses.GroupView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public GroupResponses.GroupView rename(@PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid GroupRequests.RenameGroup request) {
        groups.rename(caller(), id, request.name(), request.version());
        return GroupResponses.GroupView.of(groups.get(caller(), id));
    }

    @Operation(operationId = "deleteGroup", summary = "Delete a group", description = "Admins only.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @DELETE
    @Path("{id}")
    public void delete(@PathParam("id") String id) {
        groups.delete(caller(), id);
    }

    @Operation(operationId = "putMember", summary = "Add a member or change their role",
            description = "Admins only. 201 when added, 200 when the role changed; 404 if the user is unknown.")
    @APIResponse(responseCode = "201", description = "Added", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = GroupResponses.GroupView.class)))
    @APIResponse(responseCode = "200", description = "Role changed", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = GroupResponses.GroupView.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putMember(@PathParam("id") String id,
            @NotNull(message = "a JSON body is required") @Valid GroupRequests.PutMember request) {
        boolean added = groups.putMember(caller(), id, request.userId(), request.role());
        GroupResponses.GroupView view = GroupResponses.GroupView.of(groups.get(caller(), id));
        return (added ? Response.status(Response.Status.CREATED) : Response.ok()).entity(view).build();
    }

    @Operation(operationId = "removeMember", summary = "Remove a member",
            description = "Admins, or the member themselves. 409 for the last admin while others remain.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @DELETE
    @Path("{id}/members/{userId}")
    public void removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        groups.removeMember(caller(), id, userId);
    }

    /** The token's subject: mpJwt's principal is the verified JsonWebToken. */
    private String caller() {
        return ((JsonWebToken) security.getUserPrincipal()).getSubject();
    }
}
