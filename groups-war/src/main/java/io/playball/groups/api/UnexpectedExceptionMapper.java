package io.playball.groups.api;

import io.playball.groups.persistence.ConflictRetry;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: logged with a reference, answered without internals. A lost database connection is a 503 the
 * client may retry; everything else a 500.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        String reference = UUID.randomUUID().toString();
        if (isConnectionFailure(e)) {
            LOG.log(Level.WARNING, "Database unavailable (reference " + reference + "): " + e);
            return Problem.of(Status.SERVICE_UNAVAILABLE, "database-unavailable",
                    "The database cannot be reached; retry later (reference " + reference + ")")
                    .toResponseBuilder().header("Retry-After", "5").build();
        }
        if (ConflictRetry.isConflict(e)) {  // a read that met a deadlock or a lock timeout
            LOG.log(Level.WARNING, "Lost to a concurrent change (reference " + reference + "): " + e);
            return Problem.of(Status.SERVICE_UNAVAILABLE, "busy",
                    "The request met concurrent changes to the same data; retry it (reference " + reference + ")")
                    .toResponseBuilder().header("Retry-After", "1").build();
        }
        LOG.log(Level.SEVERE, "Unexpected error, reference " + reference, e);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error",
                "The server could not complete the request (reference " + reference + ")").toResponse();
    }

    /** A lost or refused connection: the JDBC types for it, or SQLState class 08 / 57P0x (PostgreSQL shutdown). */
    private static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
