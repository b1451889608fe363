package io.playball.groups.schema;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the groups database answers; DOWN says why. */
@Readiness
@ApplicationScoped
public class DatabaseReadinessCheck implements HealthCheck {

    @Resource(lookup = "jdbc/groups")
    DataSource dataSource;

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            if (c.isValid(2)) {
                return HealthCheckResponse.named("groups-database").up().build();
            }
            return HealthCheckResponse.named("groups-database").down()
                    .withData("reason", "the connection did not validate within 2 s").build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("groups-database").down()
                    .withData("reason", "the database cannot be reached: " + e.getMessage()).build();
        }
    }
}
