package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.TopicWriter;
import io.playball.it.support.UserEventsTopic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** A record that can never be applied is parked on user-events.dlq with its reason, and the stream keeps going. */
@MicroShedTest
@OnEachDatabase
class ParkingIT {

    @Test
    void garbageIsParkedWithItsReasonAndTheNextEventIsApplied() {
        Api.awaitReady();
        String key = UUID.randomUUID().toString();
        Map<String, String> garbage = Map.of(
                "not json", "this is not JSON {",
                "missing field", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"UserUpdated\",\"schemaVersion\":1}",
                "unknown type", TopicWriter.event(UUID.randomUUID(), "UserRenamedTwice", key, 1, "X"),
                "newer schema", TopicWriter.event(UUID.randomUUID(), "UserUpdated", key, 1, "X")
                        .replace("\"schemaVersion\":1", "\"schemaVersion\":2"));
        Map<String, String> expectedReason = Map.of(
                "not json", "not JSON",
                "missing field", "missing field",
                "unknown type", "unknown type UserRenamedTwice",
                "newer schema", "schemaVersion 2 is newer");

        try (UserEventsTopic dlq = new UserEventsTopic("user-events.dlq"); TopicWriter writer = new TopicWriter()) {
            garbage.values().forEach(value -> writer.send(key, value));
            writer.send(key, TopicWriter.event(UUID.randomUUID(), "UserRegistered", key, 1, "After the garbage"));

            List<ConsumerRecord<String, String>> parked = dlq.awaitRecords("four parked records", Duration.ofSeconds(30),
                    all -> all.stream().filter(r -> key.equals(r.key())).count() >= 4);
            Map<String, String> reasonByValue = parked.stream().filter(r -> key.equals(r.key()))
                    .collect(Collectors.toMap(ConsumerRecord::value, r -> header(r, "dlq-reason"), (a, b) -> a));
            garbage.forEach((name, value) -> {
                String reason = reasonByValue.get(value);
                assertTrue(reason != null && reason.contains(expectedReason.get(name)), name + " parked with: " + reason);
            });
            parked.stream().filter(r -> key.equals(r.key())).forEach(r -> {
                assertEquals("user-events", header(r, "dlq-original-topic"));
                Integer.parseInt(header(r, "dlq-original-partition"));
                Long.parseLong(header(r, "dlq-original-offset"));
            });

            Ops.awaitUserView("the valid event after the garbage", key,
                    v -> v.getString("displayName").equals("After the garbage"));
        }
    }

    /**
     * PostgreSQL refuses the NUL character in text (SQLState 22021), so an event that is valid JSON can still never be
     * stored: it is parked with the SQLState in its reason, and the next event of the same user, right behind it on
     * its partition, is applied.
     */
    @Test
    void anEventTheDatabaseRefusesForGoodIsParkedWithItsSqlStateAndTheStreamGoesOn() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "Derby stores the NUL character; PostgreSQL refuses it");
        Api.awaitReady();
        String userId = UUID.randomUUID().toString();
        String unstorable = TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 1, "Nul\\u0000here");
        try (UserEventsTopic dlq = new UserEventsTopic("user-events.dlq"); TopicWriter writer = new TopicWriter()) {
            writer.send(userId, unstorable);
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 2, "Storable"));

            ConsumerRecord<String, String> parked = dlq.awaitForUsers(java.util.Set.of(userId), 1,
                    Duration.ofSeconds(60)).get(0);
            assertEquals(unstorable, parked.value());
            String reason = header(parked, "dlq-reason");
            assertTrue(reason.contains("refuses it for good") && reason.contains("22021"), reason);
            Ops.awaitUserView("the next event applied", userId, v -> v.getInt("version") == 2
                    && v.getString("displayName").equals("Storable"));
            assertEquals(1, Json.parse(Ops.userView(userId).body()).getJsonNumber("consumedEvents").longValue(),
                    "the parked event left no inbox row");
        }
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
