package io.playball.groups.api;

import io.playball.groups.parking.ParkingUnavailableException;
import io.playball.platform.api.Problem;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The broker did not answer a repair tool in time: 503, worth retrying later. */
@Provider
public class ParkingUnavailableMapper implements ExceptionMapper<ParkingUnavailableException> {

    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(ParkingUnavailableException e) {
        return Problem.of(Status.SERVICE_UNAVAILABLE, "broker-unavailable", e.getMessage()).toResponseBuilder()
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .build();
    }
}
