package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Ledger;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Fault 4 (PostgreSQL only): for about five seconds mid-load every connection the server holds is terminated by the
 * database ({@code pg_terminate_backend}), again and again. Requests may fail meanwhile, but only with a 503 problem;
 * nothing committed is lost, and relay and consumer recover by themselves.
 */
@MicroShedTest
@OnEachDatabase
class DatabaseLossFaultIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + System.getProperty("playball.db.name", "test");

    @BeforeAll
    static void onlyOnPostgresql() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "connection loss is simulated with PostgreSQL's pg_terminate_backend");
        Api.awaitReady();
    }

    @Test
    void losingTheDatabaseConnectionsMidLoadLosesNothing() throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register("db-loss", "Database loss " + i));
        }
        Ops.token();
        ChangeLoad load = new ChangeLoad(users);
        AtomicInteger terminated = new AtomicInteger();
        List<Integer> registrations = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScheduledExecutorService faults = Executors.newScheduledThreadPool(2);
        load.start(50);
        try {
            load.awaitMoreAcknowledged("the load running", 50, STEP);
            ScheduledFuture<?> killer = faults.scheduleAtFixedRate(
                    () -> terminated.addAndGet(terminateServerBackends()), 0, 250, TimeUnit.MILLISECONDS);
            // registrations meanwhile: one that meets the outage is a 503, never "username taken" or a 500
            ScheduledFuture<?> registering = faults.scheduleWithFixedDelay(() -> registrations.add(
                    Accounts.tryRegister(Accounts.uniqueUsername("db-loss-new"), "Registering").statusCode()),
                    0, 100, TimeUnit.MILLISECONDS);
            // the fault lasts a while by design: connections come back and are terminated again
            CountDownLatch over = new CountDownLatch(1);
            faults.schedule(() -> {
                killer.cancel(false);
                registering.cancel(false);
                over.countDown();
            }, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(over.await(OUTAGE.toSeconds() + 30, TimeUnit.SECONDS), "the fault ended");
            load.awaitMoreAcknowledged("writes accepted after the fault", 50, STEP);
        } finally {
            faults.shutdownNow();
            load.stop();
        }

        assertTrue(terminated.get() > 0, "connections were terminated");
        assertTrue(registrations.stream().allMatch(s -> s == 201 || s == 503),
                "registrations answered 201 or a clear 503 while the database was away: " + registrations);
        Map<Integer, Long> statuses = load.statuses();
        // 409: a change whose answer was lost with the database is retried by the client with the version it knew
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 409 || s == 503),
                "only 200, a stale version or a clear 503 while the database was away: " + statuses);
        Ledger.assertBalanced(load, Duration.ofSeconds(120));
    }

    /** Terminates the server's database sessions (all JDBC sessions on the database but this one). */
    private static int terminateServerBackends() {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                     + " AND application_name = 'PostgreSQL JDBC Driver'")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            return 0;
        }
    }
}
