package io.playball.groups.api;

import io.playball.groups.parking.ParkedRecord;
import io.playball.groups.parking.ParkedRecords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
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

/**
 * For operators (admin role): the records parked on the dead-letter topic with their reasons, and sending them back
 * to the consumer once what made them unreadable is fixed.
 */
@Path("admin/parked")
@RequestScoped
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ParkedRecordsResource {

    static final String MAX_LIMIT = "1000";

    @Inject
    ParkedRecords parked;

    /** The latest parked records, oldest first. */
    @GET
    public List<ParkedRecord> list(@QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return parked.list(limit);
    }

    @GET
    @Path("{id}")
    public ParkedRecord get(@PathParam("id") String id) {
        return parked.find(id).orElseThrow(() -> new NotFoundException("No parked record " + id));
    }

    /** Sends one record back, whether or not it was sent back before. */
    @POST
    @Path("{id}/resubmit")
    public ParkedRecord resubmit(@PathParam("id") String id) {
        return parked.resubmit(id).orElseThrow(() -> new NotFoundException("No parked record " + id));
    }

    /** Sends back each of the latest {@code limit} parked records that was never sent back. */
    @POST
    @Path("resubmit")
    public List<ParkedRecord> resubmitAll(@QueryParam("limit") @DefaultValue(MAX_LIMIT) @Min(1) @Max(1000) int limit) {
        return parked.resubmitAll(limit);
    }
}
