package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Json;
import io.playball.it.support.Ledger;
import io.playball.it.support.Ops;
import io.playball.it.support.SecondServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Two Liberty servers with the same EAR on one PostgreSQL database and one broker: writes through both at once, both
 * relays sweeping one outbox table, both consumers sharing the six partitions in one consumer group. The second
 * server is killed mid-load: its partitions and its claimed outbox rows are taken over, and the ledger holds.
 */
@MicroShedTest
class TwoServersFaultIT {

    @BeforeAll
    static void onlyOnPostgresql() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "two servers need a database both can open (embedded Derby belongs to one JVM)");
        Api.awaitReady();
        SecondServer.start();
    }

    @AfterAll
    static void stopSecondServer() {
        SecondServer.stopIfRunning();
    }

    @Test
    void writesThroughTwoServersSurviveLosingOneOfThem() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register("two-servers", "Two servers " + i));
        }
        Ops.token();
        List<User> viaSecond = users.subList(10, 20);
        ChangeLoad load = new ChangeLoad(users, u -> viaSecond.contains(u) ? SecondServer.baseUrl() : Api.baseUrl());
        AtomicLong appliedBySecond = new AtomicLong(-1);
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        faults.schedule(() -> {
            JsonObject health = Json.parse(Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null,
                    java.util.Map.of()).body());
            appliedBySecond.set(health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("name").equals("user-events-consumer"))
                    .findFirst().orElseThrow().getJsonObject("data").getJsonNumber("applied").longValue());
            SecondServer.kill();
        }, 10, TimeUnit.SECONDS);

        load.run(50, Duration.ofSeconds(20));
        faults.shutdown();
        try {
            assertTrue(faults.awaitTermination(60, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        long secondAcknowledged = viaSecond.stream().mapToLong(u -> load.acknowledged(u.id())).sum();
        assertTrue(secondAcknowledged > 0, "the second server took writes before it died");
        assertTrue(appliedBySecond.get() > 0, "the second server's consumer had partitions of its own: "
                + appliedBySecond.get());
        // its users' changes after the kill fail: they are not acknowledged, and the ledger counts what committed
        Ledger.assertBalanced(load, Duration.ofSeconds(120));
    }
}
