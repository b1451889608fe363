package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Metrics;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Outbox;
import io.playball.it.support.Poll;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * PostgreSQL only: the relay vacuums the outbox table after every {@code playball.outbox.vacuum.after.rows} rows it
 * deleted (100 on the test server), so that a queue table does not bloat where autovacuum is off, as it is on these
 * machines, and analyzes it after as many rows written, so that the claim's plan knows of a backlog built up behind a
 * held relay. Counted by the database itself ({@code pg_stat_user_tables.vacuum_count} and {@code analyze_count},
 * which autovacuum does not touch) and by the relay's metric.
 */
@MicroShedTest
@OnEachDatabase
class OutboxVacuumIT {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + System.getProperty("playball.db.name", "test");
    private static final String VACUUMS = "playball_outbox_vacuums_total";
    private static final String AUTH_OUTBOX = "/auth/api/admin/outbox";

    @BeforeAll
    static void onlyOnPostgresql() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "Derby reclaims the pages of deleted rows itself: the relay vacuums only on PostgreSQL");
        Api.awaitReady();
    }

    @Test
    void theRelayVacuumsTheOutboxTableAsItDeletesSentRows() {
        long vacuumsBefore = vacuumCount();
        double counterBefore = Metrics.scrape().value(VACUUMS, "channel", "user-events-out");

        for (int i = 0; i < 250; i++) {
            Accounts.register("vacuum", "Vacuum " + i);
        }
        Poll.until("the outbox to drain", Duration.ofSeconds(60), () -> Outbox.pending() == 0);

        Poll.until("PostgreSQL to count a vacuum of outbox_event", Duration.ofSeconds(30),
                OutboxVacuumIT::vacuumCount, n -> n > vacuumsBefore);
        Poll.until("the relay's vacuum counter to rise", Duration.ofSeconds(30),
                () -> Metrics.scrape().value(VACUUMS, "channel", "user-events-out"), n -> n > counterBefore);
    }

    @Test
    void aBacklogBuiltBehindAHeldRelayIsAnalyzedBeforeItDrains() {
        long analyzesBefore = count("analyze_count");
        assertEquals(204, Api.send("POST", AUTH_OUTBOX + "/hold", Ops.token(), null, null, Map.of()).statusCode());
        try {
            for (int i = 0; i < 150; i++) {
                Accounts.register("analyze", "Analyze " + i);
            }
            // no row is deleted meanwhile: only the rows written can have set this off
            Poll.until("PostgreSQL to count an analyze of outbox_event while the relay is held",
                    Duration.ofSeconds(30), () -> count("analyze_count"), n -> n > analyzesBefore);
        } finally {
            assertEquals(204, Api.send("DELETE", AUTH_OUTBOX + "/hold", Ops.token(), null, null, Map.of())
                    .statusCode());
        }
        Poll.until("the outbox to drain", Duration.ofSeconds(60), () -> Outbox.pending() == 0);
    }

    private static long vacuumCount() {
        return count("vacuum_count");
    }

    /** A count of manual maintenance of the outbox table since the statistics were last reset. */
    private static long count(String column) {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(
                     "SELECT " + column + " FROM pg_stat_user_tables WHERE relname = 'outbox_event'")) {
            if (!r.next()) {
                throw new AssertionError("no outbox_event table in " + URL);
            }
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
