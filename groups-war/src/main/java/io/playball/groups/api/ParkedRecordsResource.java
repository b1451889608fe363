package io.playball.groups.api;

import io.playball.groups.parking.ParkedRecords;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * For operators (admin role): the records parked on the dead-letter topic with their reasons, and sending them back
 * to the consumer once what made them unreadable is fixed.
 */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/parked")
@ApplicationScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedRecordsResource {

    static final String MAX_LIMIT = "1000";

    @Inject
    ParkedRecords parked;

    /** The latest parked records, oldest first. */
    @Operation(operationId = "listParkedRecords", summary = "List parked records (admin)",
            description = "The latest records on the dead-letter topic, oldest first, with their reasons.")
    @APIResponse(responseCode = "200", description = "The parked records", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = ParkedRecordView.class, type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    public List<ParkedRecordView> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return ParkedRecordView.of(parked.list(limit));
    }

    @Operation(operationId = "getParkedRecord", summary = "Read one parked record (admin)")
    @APIResponse(responseCode = "200", description = "The record", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = ParkedRecordView.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Path("{id}")
    public ParkedRecordView get(@PathParam("id") String id) {
        return parked.find(id).map(ParkedRecordView::of).orElseThrow(() -> new NotFoundException("No parked record " + id));
    }

    /** Sends one record back, whether or not it was sent back before. */
    @Operation(operationId = "resubmitParkedRecord", summary = "Send one parked record back to the consumer (admin)",
            description = "Same key, value and headers, to this server's consumer (never to user-events); the inbox"
                    + " skips it if it was applied before, and one that still cannot be applied is parked again.")
    @APIResponse(responseCode = "200", description = "Applied, skipped or parked again",
            content = @Content(mediaType = ApiDoc.JSON,
                    schema = @Schema(implementation = ParkedRecordView.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Path("{id}/resubmit")
    public ParkedRecordView resubmit(@PathParam("id") String id) {
        return parked.resubmit(id).map(ParkedRecordView::of).orElseThrow(() -> new NotFoundException("No parked record " + id));
    }

    /** Sends back each of the latest {@code limit} parked records that was never sent back. */
    @Operation(operationId = "resubmitAllParkedRecords",
            summary = "Send back every parked record not sent back yet (admin)")
    @APIResponse(responseCode = "200", description = "The records sent back",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(implementation = ParkedRecordView.class,
            type = SchemaType.ARRAY)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Path("resubmit")
    public List<ParkedRecordView> resubmitAll(@QueryParam("limit") @DefaultValue(MAX_LIMIT) @Min(1) @Max(1000) int limit) {
        return ParkedRecordView.of(parked.resubmitAll(limit));
    }
}
