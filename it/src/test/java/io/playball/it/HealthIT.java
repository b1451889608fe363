package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.Json;
import io.playball.it.support.LibertyServer;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** Readiness follows the broker and the consumer (DOWN with a reason while either is away); liveness does not. */
@MicroShedTest
class HealthIT {

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @AfterAll
    static void brokerIsBack() {
        Broker.ensureRunning();
    }

    @Test
    void readinessGoesDownWithTheBrokerAndComesBackWithIt() {
        JsonObject up = Json.parse(Api.get("/health/ready", null).body());
        assertEquals("UP", check(up, "kafka").getString("status"));
        assertEquals("UP", check(up, "groups-database").getString("status"));

        Broker.stop();
        try {
            HttpResponse<String> down = Poll.until("readiness DOWN without the broker", Duration.ofSeconds(30),
                    () -> Api.get("/health/ready", null), r -> r.statusCode() == 503);
            JsonObject kafka = check(Json.parse(down.body()), "kafka");
            assertEquals("DOWN", kafka.getString("status"));
            String reason = kafka.getJsonObject("data").getString("reason");
            assertTrue(reason.contains("no broker"), kafka.toString());
            assertFalse(reason.contains("9092") || reason.contains("127.0.0.1") || reason.contains("Exception"),
                    "/health is public: no addresses or exception text in it: " + reason);
            assertEquals(200, Api.get("/health/live", null).statusCode(), "liveness stays UP");
        } finally {
            Broker.start();
        }
        Poll.until("readiness UP with the broker back", Duration.ofSeconds(60),
                () -> Api.get("/health/ready", null).statusCode() == 200);
    }

    /**
     * A record carrying the test server's fault header makes the consume method fail, which ends the Reactive
     * Messaging stream: readiness says so until the server is restarted, and after the restart events flow again.
     */
    @Test
    void readinessIsDownWhileTheConsumerHasStoppedAndUpAfterARestart() {
        String userId = UUID.randomUUID().toString();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 1, "Ends the stream"),
                    Map.of("playball-fault", "end-stream"));
        }
        HttpResponse<String> down = Poll.until("readiness DOWN with the consumer stopped", Duration.ofSeconds(30),
                () -> Api.get("/health/ready", null), r -> r.statusCode() == 503);
        JsonObject consumer = check(Json.parse(down.body()), "user-events-consumer");
        assertEquals("DOWN", consumer.getString("status"));
        String reason = consumer.getJsonObject("data").getString("reason");
        assertTrue(reason.contains("stream has stopped"), consumer.toString());
        assertFalse(reason.contains("Exception") || reason.contains(userId), "no record or exception text: " + reason);
        assertEquals("UP", check(Json.parse(down.body()), "kafka").getString("status"), "only the consumer is down");
        assertEquals(200, Api.get("/health/live", null).statusCode(), "liveness stays UP");

        LibertyServer.kill();
        LibertyServer.start();  // returns once /health/ready is 200

        Accounts.User after = Accounts.register("after-restart", "Flowing again");
        Ops.awaitUserView("an event applied after the restart", after.id(), v -> v.getInt("version") == 1);
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
