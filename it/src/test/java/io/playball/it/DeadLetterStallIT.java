package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * A record that must be parked while the dead-letter topic cannot take it: the consumer keeps trying (it cannot drop
 * the record), readiness turns DOWN once that has lasted longer than the stall limit, and the retries are counted.
 * Once the topic is back the record is parked (listed once, however many times the send was retried), readiness is
 * UP again and the stream goes on.
 */
@MicroShedTest
class DeadLetterStallIT {

    private static final String DLQ = "user-events.dlq";

    @BeforeAll
    static void ready() {
        Api.awaitReady();
        Ops.token();
    }

    @AfterAll
    static void topicIsBack() throws Exception {
        try (Admin admin = admin()) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(DLQ)) {
                create(admin);
            }
        }
    }

    @Test
    void aDeadLetterSendThatKeepsFailingShowsAsAStallAndParksOnceTheTopicIsBack() throws Exception {
        String key = UUID.randomUUID().toString();
        String garbage = "{\"not an event\": \"" + key + "\"}";
        long retriesBefore = Ops.consumerCounter("retries");
        try (Admin admin = admin(); TopicWriter writer = new TopicWriter()) {
            admin.deleteTopics(List.of(DLQ)).all().get(30, TimeUnit.SECONDS);
            Poll.until("the dead-letter topic to be gone", Duration.ofSeconds(30), () -> topics(admin),
                    names -> !names.contains(DLQ));
            writer.send(key, garbage);

            HttpResponse<String> down = Poll.until("readiness DOWN while the record cannot be parked",
                    Duration.ofSeconds(120), () -> Api.get("/health/ready", null), r -> r.statusCode() == 503);
            JsonObject consumer = check(Json.parse(down.body()), "user-events-consumer");
            assertEquals("DOWN", consumer.getString("status"));
            assertTrue(consumer.getJsonObject("data").getString("reason").contains("stuck"), consumer.toString());
            assertTrue(Ops.consumerCounter("retries") > retriesBefore, "the failed dead-letter sends are counted");

            create(admin);
        }
        Poll.until("readiness UP once the record is parked", Duration.ofSeconds(120),
                () -> Api.get("/health/ready", null).statusCode() == 200);
        List<JsonObject> listed = Poll.until("the record listed among the parked ones", Duration.ofSeconds(60),
                () -> Json.parseArray(Api.get("/groups/api/admin/parked?limit=1000", Ops.token()).body()).stream()
                        .filter(r -> garbage.equals(r.getString("value"))).toList(),
                found -> !found.isEmpty());
        assertEquals(1, listed.size(), "listed once: " + listed);

        String after = UUID.randomUUID().toString();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(after, TopicWriter.event(UUID.randomUUID(), "UserRegistered", after, 1, "After the stall"));
        }
        Ops.awaitUserView("an event applied after the stall", after, v -> v.getInt("version") == 1);
    }

    private static java.util.Set<String> topics(Admin admin) {
        try {
            return admin.listTopics().names().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void create(Admin admin) throws Exception {
        admin.createTopics(List.of(new NewTopic(DLQ, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("playball.kafka.bootstrap", "127.0.0.1:9092"));
        return Admin.create(props);
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
