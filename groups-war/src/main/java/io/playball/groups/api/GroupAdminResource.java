package io.playball.groups.api;

import io.playball.groups.group.GroupService;
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

/** For operators (admin role): any group with its members, whether or not the caller belongs to it. */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/groups/{id}")
@ApplicationScoped
@RolesAllowed("admin")
public class GroupAdminResource {

    @Inject
    GroupService groups;

    @Operation(operationId = "inspectGroup", summary = "Read any group (admin)")
    @APIResponse(responseCode = "200", description = "The group", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = GroupResponses.GroupView.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public GroupResponses.GroupView get(@PathParam("id") String id) {
        return groups.inspect(id).map(GroupResponses.GroupView::of).orElseThrow(NotFoundException::new);
    }
}
