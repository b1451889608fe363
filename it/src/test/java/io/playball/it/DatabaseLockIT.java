package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Json;
import io.playball.it.support.Ledger;
import io.playball.it.support.Metrics;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * PostgreSQL only: a table locked by another session (a migration, a hand-run statement) for minutes. The consumer,
 * blocked on the inbox, shows as stalled in readiness and in the metric the stall alert reads, and after the lock is
 * released nothing is lost and nothing is applied twice. A request behind a locked table answers 503 once the
 * data source's lock timeout has passed, instead of waiting for as long as the lock is held.
 */
@MicroShedTest
@OnEachDatabase
class DatabaseLockIT {

    private static final Duration HOLD = Duration.ofMinutes(3);
    private static final Duration STEP = Duration.ofSeconds(90);
    /** ops/monitoring/playball-alerts.yml, PlayBallConsumerStalled. */
    private static final double STALL_ALERT_SECONDS = 60;

    @BeforeAll
    static void onPostgres() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "the lock is taken by a session of the test's own (embedded Derby is the server's own)");
        Api.awaitReady();
    }

    @Test
    void aConsumerBlockedOnALockedInboxShowsAsAStallAndLosesNothing() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register("inbox-locked", "Inbox locked " + i));
        }
        Ops.token();
        ChangeLoad load = new ChangeLoad(users);
        load.start(50);
        try {
            load.awaitMoreAcknowledged("the load running", 50, STEP);
            try (PostgresCluster.TableLock locked = PostgresCluster.lock(database(), table("inbox_event"))) {
                Instant lockedAt = Instant.now();
                HttpResponse<String> stalled = Poll.until("readiness DOWN: the consumer stalled", STEP,
                        () -> Api.get("/health/ready", null), r -> r.statusCode() == 503 && consumerDown(r));
                assertTrue(consumerCheck(stalled).getJsonObject("data").getString("reason").contains("stuck"),
                        stalled.body());
                Poll.until("the stall alert's expression true (stalled seconds > " + STALL_ALERT_SECONDS + ")",
                        STEP, () -> Metrics.scrape().value("playball_consumer_stalled_seconds") > STALL_ALERT_SECONDS);
                // for the rest of the hold, readiness stays DOWN: the stall is not forgotten while it lasts
                Poll.until("the lock held for " + HOLD.toMinutes() + " minutes", HOLD.plus(STEP), () -> {
                    HttpResponse<String> ready = Api.get("/health/ready", null);
                    assertTrue(ready.statusCode() == 503 && consumerDown(ready), "readiness while the inbox is"
                            + " locked: " + ready.body());
                    return Instant.now().isAfter(lockedAt.plus(HOLD));
                });
            }
            Poll.until("readiness UP again by itself", Duration.ofSeconds(120),
                    () -> Api.get("/health/ready", null).statusCode() == 200);
            // once it applies again, the gauge shows only the transaction in flight: well under the tests' limit (5 s)
            double stalled = Metrics.scrape().value("playball_consumer_stalled_seconds");
            assertTrue(stalled < 5, "stalled seconds once it applies again: " + stalled);
            load.awaitMoreAcknowledged("writes after the lock", 50, STEP);
        } finally {
            load.stop();
        }
        assertTrue(load.statuses().keySet().stream().allMatch(s -> s == 200 || s == 409),
                "auth's writes do not touch the inbox: " + load.statuses());
        Ledger.assertBalanced(load, Duration.ofSeconds(180));
    }

    @Test
    void aRequestBehindALockedTableAnswers503InsteadOfWaiting() throws Exception {
        User owner = Accounts.register("view-locked", "View locked");
        Ops.awaitUserView("the owner in groups' view", owner.id(), v -> v.getInt("version") == 1);
        try (PostgresCluster.TableLock locked = PostgresCluster.lock(database(), table("user_view"))) {
            CompletableFuture<HttpResponse<String>> create = CompletableFuture.supplyAsync(() -> Api.send("POST",
                    "/groups/api/groups", owner.token(), "application/json", Json.object(Map.of("name", "Locked")),
                    Map.of()));
            // answered while the lock is still held: the lock timeout (10 s) and the retries fit well within
            HttpResponse<String> answer = create.get(60, TimeUnit.SECONDS);
            assertEquals(503, answer.statusCode(), answer.body());
            assertEquals("application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.headers().firstValue("Retry-After").isPresent(), answer.headers().toString());
        }
    }

    private static boolean consumerDown(HttpResponse<String> ready) {
        return "DOWN".equals(consumerCheck(ready).getString("status"));
    }

    private static JsonObject consumerCheck(HttpResponse<String> ready) {
        return Json.parse(ready.body()).getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("user-events-consumer"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no consumer check in " + ready.body()));
    }

    private static String database() {
        return System.getProperty("playball.db.name", "test");
    }

    private static String table(String name) {
        return PostgresCluster.groupsSchema() + "." + name;
    }
}
