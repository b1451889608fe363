package io.playball.platform.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings a service's schema up to date from its versioned Liquibase changelog; each service calls it at startup,
 * before anything else runs. Servers that start together are serialized by Liquibase's lock table. Liquibase's history
 * table is the standard one, each changeSet keyed by its changelog's path.
 * <p>
 * Liquibase's lock cannot serialize the creation of its own two tables, so on an empty PostgreSQL database two
 * services (or two servers) raced to create them, and the loser logged Liquibase's ERROR lines and a retry on every
 * first deployment. On PostgreSQL the whole migration therefore runs under a session advisory lock whose key every
 * service uses ({@link #MIGRATION_LOCK}).
 * <p>
 * A start whose changelog, includes and parameters are those the schema was last migrated from skips Liquibase
 * altogether ({@link SchemaFingerprint}): the usual start has nothing to migrate.
 */
public final class SchemaMigrator {

    private static final int ATTEMPTS = 5;
    private static final long RETRY_DELAY_MS = 500;
    /** "PLAYBALL" in ASCII: the advisory lock key of schema migrations, the same for every service. */
    static final long MIGRATION_LOCK = 0x504C_4159_4241_4C4CL;
    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    private final String service;
    private final DataSource dataSource;
    private final String changelog;
    private final ClassLoader resources;
    private Map<String, String> parameters = Map.of();

    /**
     * @param service   named in the log ("auth schema is up to date")
     * @param changelog the changelog's path on the class path of {@code resources}, the service's own
     */
    public SchemaMigrator(String service, DataSource dataSource, String changelog, ClassLoader resources) {
        this.service = service;
        this.dataSource = dataSource;
        this.changelog = changelog;
        this.resources = resources;
    }

    /** Values for the changelog's {@code ${name}} properties, ahead of the defaults the changelogs set. */
    public SchemaMigrator withParameters(Map<String, String> values) {
        this.parameters = Map.copyOf(values);
        return this;
    }

    /**
     * Migrates, retrying a few times (the database may not accept connections yet).
     *
     * @return whether Liquibase ran: false when the schema was last migrated from this very changelog
     */
    public boolean migrate() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return migrateOnce();
            } catch (Exception e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // e.g. the database not accepting connections yet
                LOG.log(Level.WARNING, "Schema migration attempt " + attempt + " failed, retrying: " + e);
                Thread.sleep(RETRY_DELAY_MS * attempt);
            }
        }
    }

    private boolean migrateOnce() throws Exception {
        Optional<String> fingerprint = SchemaFingerprint.of(changelog, resources, parameters);
        try (Connection connection = dataSource.getConnection()) {
            if (fingerprint.isPresent() && SchemaFingerprint.recorded(connection, changelog, fingerprint.get())) {
                LOG.info(service + " schema is up to date (migrated from this changelog before; Liquibase not run)");
                return false;
            }
            if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                runChangelog(connection, fingerprint);
                return true;
            }
            // another server's migration, or a long index build, may take longer than the data source's timeouts
            setTimeouts(connection, "SET lock_timeout = 0", "SET statement_timeout = 0");
            try {
                lock(connection);
                try {
                    runChangelog(connection, fingerprint);
                } finally {
                    unlock(connection);
                }
            } finally {
                // the session's defaults again (the data source's), before the pool hands the connection on
                setTimeouts(connection, "RESET lock_timeout", "RESET statement_timeout");
            }
            return true;
        }
    }

    private void runChangelog(Connection connection, Optional<String> fingerprint) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(),
                new ClassLoaderResourceAccessor(resources));
        try {
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_PARAMETERS, parameters(database))
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
        if (fingerprint.isPresent()) {
            SchemaFingerprint.record(connection, changelog, fingerprint.get());  // auto-commit is on again
        }
        LOG.info(service + " schema is up to date (" + database.getDatabaseProductName() + ")");
    }

    private ChangeLogParameters parameters(Database database) {
        ChangeLogParameters values = new ChangeLogParameters(database);
        parameters.forEach(values::set);
        return values;
    }

    /** Waits for the migration lock. Held by the session, so released if it dies. */
    private static void lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, MIGRATION_LOCK);
            lock.execute();
        }
    }

    private static void setTimeouts(Connection connection, String lockTimeout, String statementTimeout)
            throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute(lockTimeout);
            set.execute(statementTimeout);
        }
    }

    /** Auto-commit is back on here, so the unlock is not part of a transaction that could roll it back. */
    private static void unlock(Connection connection) {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, MIGRATION_LOCK);
            unlock.execute();
        } catch (SQLException e) {
            // a broken connection: its session, and the lock with it, ends when the pool discards it
            LOG.log(Level.WARNING, "Could not release the schema migration lock", e);
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
