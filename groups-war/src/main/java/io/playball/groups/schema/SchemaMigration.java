package io.playball.groups.schema;

import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings the groups schema up to date from the versioned Liquibase changelog before anything else runs. Servers that
 * start together are serialized by Liquibase's lock table. Liquibase's history table is the standard one: when auth and
 * groups share a database they share it too, each changeSet being keyed by its changelog's path.
 */
@ApplicationScoped
public class SchemaMigration {

    public static final int PRIORITY = 1000;
    private static final String CHANGELOG = "db/groups-changelog.xml";
    private static final int ATTEMPTS = 5;
    private static final long RETRY_DELAY_MS = 500;
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/groups")
    DataSource dataSource;

    void onStartup(@Observes @Priority(PRIORITY) Startup startup) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                migrate();
                return;
            } catch (Exception e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // On an empty shared database auth and groups (or several servers) may both create Liquibase's own
                // tables at once, before its lock exists; the loser finds them there on the next attempt.
                LOG.log(Level.WARNING, "Schema migration attempt " + attempt + " failed, retrying: " + e);
                Thread.sleep(RETRY_DELAY_MS * attempt);
            }
        }
    }

    private void migrate() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(),
                    new ClassLoaderResourceAccessor(SchemaMigration.class.getClassLoader()));
            try {
                Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                        .execute());
                if (!connection.getAutoCommit()) {
                    connection.commit();  // ends Liquibase's last (read-only) unit of work
                }
            } catch (Exception e) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();  // the pool must not hand the next attempt an aborted transaction
                }
                throw e;
            } finally {
                // Liquibase turned auto-commit off. Handed back that way, the connection stays unresolved work in
                // Liberty's local transaction containment of the Startup event, which rolls it back at the end of
                // the event with a WLTC0033W warning and an FFDC on every start.
                restoreAutoCommit(connection);
            }
            LOG.info("groups schema is up to date (" + database.getDatabaseProductName() + ")");
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection after a failed attempt: the pool discards it, and the failure is already on its way
            LOG.log(Level.FINE, "Could not restore auto-commit after the schema migration", e);
        }
    }
}
