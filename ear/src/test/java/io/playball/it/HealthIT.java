package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.Json;
import io.playball.it.support.Poll;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** Readiness follows the broker (DOWN with a reason while it is away); liveness does not. */
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
            assertTrue(kafka.getJsonObject("data").getString("reason").contains("no broker"), kafka.toString());
            assertEquals(200, Api.get("/health/live", null).statusCode(), "liveness stays UP");
        } finally {
            Broker.start();
        }
        Poll.until("readiness UP with the broker back", Duration.ofSeconds(60),
                () -> Api.get("/health/ready", null).statusCode() == 200);
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
