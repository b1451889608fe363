package io.playball.it;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Json;
import io.playball.it.support.Ledger;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.SecondServer;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        load.start(50);
        try {
            Poll.until("both servers taking writes and applying events", Duration.ofSeconds(90),
                    () -> viaSecond.stream().anyMatch(u -> load.acknowledged(u.id()) > 0) && appliedBySecond() > 0);
            SecondServer.kill();
            load.awaitMoreAcknowledged("writes through the surviving server", 50, Duration.ofSeconds(90));
        } finally {
            load.stop();
        }
        // its users' changes after the kill fail: they are not acknowledged, and the ledger counts what committed
        Ledger.assertBalanced(load, Duration.ofSeconds(120));
    }

    /** Events the second server's consumer has applied (so it had partitions of its own). */
    private static long appliedBySecond() {
        JsonObject health = Json.parse(Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null,
                Map.of()).body());
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("user-events-consumer"))
                .findFirst().orElseThrow().getJsonObject("data").getJsonNumber("applied").longValue();
    }
}
