package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Json;
import io.playball.it.support.Ledger;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * PostgreSQL only: the database cluster is stopped mid-load for longer than the consumer's stall limit (30 s) and
 * started again. Meanwhile changes answer 200 or a clear 503 and readiness is DOWN; afterwards it is UP again by
 * itself, the relay and the consumer recover without help, and the ledger holds: nothing committed is lost or
 * applied twice.
 */
@MicroShedTest
class DatabaseOutageFaultIT {

    private static final Duration STEP = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(40);
    private static boolean ran;

    @BeforeAll
    static void onlyOnPostgresql() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "the outage is PostgreSQL's cluster stopped and started again");
        Assumptions.assumeTrue(PostgresCluster.controllable(), "needs the local cluster's pg_ctlcluster");
        ran = true;
        Api.awaitReady();
    }

    @AfterAll
    static void databaseIsBack() {
        if (ran) {  // a skipped test (Derby, or no pg_ctlcluster) stopped nothing
            PostgresCluster.start();
        }
    }

    @Test
    void aDatabaseOutageLongerThanTheStallLimitLosesNothing() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register("db-outage", "Database outage " + i));
        }
        Ops.token();
        ChangeLoad load = new ChangeLoad(users);
        load.start(50);
        try {
            load.awaitMoreAcknowledged("the load running", 50, STEP);
            PostgresCluster.stop();
            Instant stopped = Instant.now();
            try {
                HttpResponse<String> down = Poll.until("readiness DOWN with the database away", STEP,
                        () -> Api.get("/health/ready", null), r -> r.statusCode() == 503);
                assertEquals("DOWN", check(Json.parse(down.body()), "groups-database").getString("status"));
                Poll.until("the outage to outlast the stall limit", OUTAGE.plusSeconds(30),
                        () -> Duration.between(stopped, Instant.now()).compareTo(OUTAGE) > 0);
            } finally {
                PostgresCluster.start();
            }
            Poll.until("readiness UP again by itself", Duration.ofSeconds(120),
                    () -> Api.get("/health/ready", null).statusCode() == 200);
            load.awaitMoreAcknowledged("writes accepted after the outage", 50, STEP);
        } finally {
            load.stop();
        }
        // 409: a change whose answer was lost with the database is retried by the client with the version it knew
        assertTrue(load.statuses().keySet().stream().allMatch(s -> s == 200 || s == 409 || s == 503),
                "only 200, a stale version or a clear 503 while the database was away: " + load.statuses());
        Ledger.assertBalanced(load, Duration.ofSeconds(120));
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
