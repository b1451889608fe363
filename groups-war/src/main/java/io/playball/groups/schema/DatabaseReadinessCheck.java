package io.playball.groups.schema;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the groups database answers. /health is open to anyone: DOWN gives a generic reason, and the
 * details go to the server log once per outage.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(DatabaseReadinessCheck.class.getName());
    private final AtomicBoolean unreachable = new AtomicBoolean();

    @Resource(lookup = "jdbc/groups")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                if (unreachable.getAndSet(false)) {
                    LOG.info("The groups database answers again");
                }
                return HealthCheckResponse.named("groups-database").up().build();
            }
            return down(new SQLException("the connection did not validate within 2 s"));
        } catch (SQLException e) {
            return down(e);
        }
    }

    private HealthCheckResponse down(SQLException e) {
        if (!unreachable.getAndSet(true)) {
            LOG.log(Level.WARNING, "The groups database cannot be reached", e);
        }
        return HealthCheckResponse.named("groups-database").down()
                .withData("reason", "the database cannot be reached; the server log says why").build();
    }
}
