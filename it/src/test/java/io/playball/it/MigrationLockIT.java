package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import io.playball.it.support.SecondServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * PostgreSQL only: every schema migration, auth's and groups', of every server, runs under one advisory lock, so that
 * on an empty database they do not race to create Liquibase's own tables (which made the loser log Liquibase's ERROR
 * lines and retry on every first deployment). The test holds that lock itself and starts a second server: both of its
 * services must queue behind it, and start once it is released.
 */
@MicroShedTest
@OnEachDatabase
class MigrationLockIT {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + System.getProperty("playball.db.name", "test");
    /** "PLAYBALL" in ASCII, as both services' SchemaMigration take it. */
    private static final long MIGRATION_LOCK = 0x504C_4159_4241_4C4CL;

    @BeforeAll
    static void onlyOnPostgresql() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "each service's Derby database belongs to one JVM: there is nothing to serialize");
        Api.awaitReady();
    }

    @AfterAll
    static void stopSecondServer() {
        SecondServer.stopIfRunning();
    }

    @Test
    void bothServicesMigrateUnderTheSharedLock() throws SQLException {
        try (Connection holder = DriverManager.getConnection(URL, "postgres", "")) {
            forgetLastMigrations(holder);
            advisory(holder, "SELECT pg_advisory_lock(?)");
            // Liberty's `server start` returns once the server has started, which here waits for this very lock
            CompletableFuture<Void> launched = CompletableFuture.runAsync(() -> SecondServer.launch(Map.of()));

            Poll.until("auth's and groups' migrations on the second server to wait for the lock",
                    Duration.ofSeconds(120), () -> waitingForTheLock(holder), n -> n == 2);
            assertFalse(secondServerReady(), "the second server must not be ready while its schema waits");

            advisory(holder, "SELECT pg_advisory_unlock(?)");
            launched.join();
        }
        Poll.until("the second server to be ready once the lock is free", Duration.ofSeconds(120),
                MigrationLockIT::secondServerReady);

        String log = secondServerLog();
        assertTrue(log.contains("auth schema is up to date"), "auth migrated");
        assertTrue(log.contains("groups schema is up to date"), "groups migrated");
        assertFalse(log.contains("Schema migration attempt"), "no migration had to be retried");
    }

    /**
     * The schema is current, so a start would skip Liquibase; without the record of their last migration both services
     * run it again, as on a database another version migrated.
     */
    private static void forgetLastMigrations(Connection c) throws SQLException {
        for (String schema : new String[] {PostgresCluster.authSchema(), PostgresCluster.groupsSchema()}) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + schema + ".playball_schema_fingerprint")) {
                s.executeUpdate();
            }
        }
    }

    private static void advisory(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, MIGRATION_LOCK);
            s.execute();
        }
    }

    /** Sessions waiting for the migration lock (a bigint key is split into classid and objid). */
    private static long waitingForTheLock(Connection c) {
        try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND NOT granted AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            s.setLong(1, MIGRATION_LOCK >>> 32);
            s.setLong(2, MIGRATION_LOCK & 0xFFFF_FFFFL);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean secondServerReady() {
        try {
            return Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null, Map.of())
                    .statusCode() == 200;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String secondServerLog() {
        try {
            return Files.readString(SecondServer.messagesLog());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
