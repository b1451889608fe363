package io.playball.platform.api;

import io.playball.platform.persistence.SqlFailures;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: logged with a reference, answered without internals. A lost database connection, a lost race and a
 * database timeout are 503s the client may retry; everything else a 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String reference = UUID.randomUUID().toString();
        if (SqlFailures.isConnectionFailure(e)) {
            LOG.log(Level.WARNING, "Database unavailable (reference " + reference + "): " + e);
            return Problem.of(Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "The database cannot be reached; retry later (reference " + reference + ")")
                    .toResponseBuilder().header("Retry-After", "5").build();
        }
        if (SqlFailures.isConflict(e)) {  // a read that met a deadlock or a lock timeout
            LOG.log(Level.WARNING, "Lost to a concurrent change (reference " + reference + "): " + e);
            return Problem.of(Status.SERVICE_UNAVAILABLE, "busy",
                    "The request met concurrent changes to the same data; retry it (reference " + reference + ")")
                    .toResponseBuilder().header("Retry-After", "1").build();
        }
        if (SqlFailures.isTimeout(e)) {  // a lock not had, or a statement not done, in the time the database allows
            LOG.log(Level.WARNING, "Database timed out (reference " + reference + "): " + e);
            return Problem.of(Status.SERVICE_UNAVAILABLE, "busy",
                    "The database did not answer in time; retry later (reference " + reference + ")")
                    .toResponseBuilder().header("Retry-After", "5").build();
        }
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error",
                "The server could not complete the request (reference " + reference + ")").toResponse();
    }
}
