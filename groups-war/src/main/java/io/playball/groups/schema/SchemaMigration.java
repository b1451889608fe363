package io.playball.groups.schema;

import io.playball.outbox.OutboxTable;
import io.playball.platform.schema.SchemaMigrator;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import javax.sql.DataSource;

/** Brings the groups schema up to date ({@code db/groups-changelog.xml}) before anything else of the service starts. */
@ApplicationScoped
public class SchemaMigration {

    public static final int PRIORITY = 1000;

    @Resource(lookup = "jdbc/groups")
    DataSource dataSource;

    void onStartup(@Observes @Priority(PRIORITY) Startup startup) throws Exception {
        new SchemaMigrator("groups", dataSource, "db/groups-changelog.xml", SchemaMigration.class.getClassLoader())
                .withParameters(OutboxTable.changelogParameters())
                .migrate();
    }
}
