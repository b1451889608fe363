package io.playball.groups.api;

import io.playball.groups.monitoring.AppliedEventLog;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For operators and the benchmark (admin role): the recently applied events with their commit-to-applied lag. */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/applied-events")
@ApplicationScoped
@RolesAllowed("admin")
public class AppliedEventsResource {

    @Inject
    AppliedEventLog log;

    @Operation(operationId = "listAppliedEvents", summary = "Read the recently applied events (admin)",
            description = "Each applied event with its occurredAt and the commit time of the transaction that applied"
                    + " it, numbered since the server started; pass the answer's next as after to read on.")
    @APIResponse(responseCode = "200", description = "The events after the cursor, and how many were missed",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(implementation = AppliedEventsPage.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AppliedEventsPage after(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                                      @QueryParam("limit") @DefaultValue("10000") @Min(1) @Max(50000) int limit) {
        return AppliedEventsPage.of(log.after(after, limit));
    }
}
