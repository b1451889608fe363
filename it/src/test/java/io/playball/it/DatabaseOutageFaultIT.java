package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Json;
import io.playball.it.support.Ledger;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * PostgreSQL only: the database cluster is stopped mid-load for longer than the consumer's stall limit and
 * started again. Meanwhile changes answer 200 or a clear 503 and readiness is DOWN; afterwards it is UP again by
 * itself, the relay and the consumer recover without help, and the ledger holds: nothing committed is lost or
 * applied twice.
 */
@MicroShedTest
@OnEachDatabase
class DatabaseOutageFaultIT {

    private static final Duration STEP = Duration.ofSeconds(90);
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
        String duringOutage = UUID.randomUUID().toString();
        ChangeLoad load = new ChangeLoad(users);
        load.start(50);
        try {
            load.awaitMoreAcknowledged("the load running", 50, STEP);
            PostgresCluster.stop();
            try {
                HttpResponse<String> down = Poll.until("readiness DOWN with the database away", STEP,
                        () -> Api.get("/health/ready", null), r -> r.statusCode() == 503);
                assertEquals("DOWN", check(Json.parse(down.body()), "groups-database").getString("status"));
                // a record the consumer cannot apply while the database is away: the outage lasts until the
                // consumer has been stuck on it for longer than the stall limit, whatever that limit is
                try (TopicWriter writer = new TopicWriter()) {
                    writer.send(duringOutage, TopicWriter.event(UUID.randomUUID(), "UserRegistered", duringOutage, 1,
                            "Written during the outage"));
                }
                HttpResponse<String> stalled = Poll.until("the consumer stalled past its limit", STEP,
                        () -> Api.get("/health/ready", null),
                        r -> r.statusCode() == 503 && check(Json.parse(r.body()), "user-events-consumer")
                                .getString("status").equals("DOWN"));
                assertTrue(check(Json.parse(stalled.body()), "user-events-consumer").getJsonObject("data")
                        .getString("reason").contains("stuck"), stalled.body());
            } finally {
                PostgresCluster.start();
            }
            Poll.until("readiness UP again by itself", Duration.ofSeconds(120),
                    () -> Api.get("/health/ready", null).statusCode() == 200);
            load.awaitMoreAcknowledged("writes accepted after the outage", 50, STEP);
            Ops.awaitUserView("the record the consumer was stuck on, applied once the database is back",
                    duringOutage, v -> v.getInt("version") == 1);
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
