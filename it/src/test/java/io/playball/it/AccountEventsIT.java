package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.UserEventsTopic;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** Each account change reaches user-events exactly once, with the contract's JSON, keyed by user id, in order. */
@MicroShedTest
@OnEachDatabase
class AccountEventsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static UserEventsTopic topic;

    @BeforeAll
    static void openTopic() {
        Api.awaitReady();
        topic = new UserEventsTopic();
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void topicHasSixPartitions() {
        assertEquals(6, topic.partitionCount());
    }

    @Test
    void registerRenameDeleteEachPublishOneEventInOrder() {
        User user = Accounts.register("lifecycle", "Ada Lovelace");

        HttpResponse<String> me = Api.get("/auth/api/users/me", user.token());
        assertEquals(200, me.statusCode(), me.body());
        JsonObject account = Json.parse(me.body());
        assertEquals(user.id(), account.getString("id"));
        assertEquals(user.username(), account.getString("username"));
        assertEquals(1, account.getJsonNumber("version").longValue());
        assertFalse(account.containsKey("password") || account.containsKey("passwordHash"), me.body());

        HttpResponse<String> renamed = Accounts.rename(user, "Ada King", 1);
        assertEquals(200, renamed.statusCode(), renamed.body());
        JsonObject afterRename = Json.parse(renamed.body());
        assertEquals(2, afterRename.getJsonNumber("version").longValue());
        assertEquals(user.id(), afterRename.getString("id"));
        assertEquals(user.username(), afterRename.getString("username"));
        assertEquals("Ada King", afterRename.getString("displayName"));

        assertEquals(204, Api.delete("/auth/api/users/me", user.token()).statusCode());
        assertEquals(404, Accounts.rename(user, "Ada Gone", 2).statusCode(),
                "a deleted account cannot be renamed with a token issued before");

        List<ConsumerRecord<String, String>> records = topic.awaitForUsers(Set.of(user.id()), 3, DEADLINE);
        assertEquals(3, records.size(), "exactly three events: " + records);
        assertEquals(1, records.stream().map(ConsumerRecord::partition).distinct().count(), "one partition per user");
        List<JsonObject> events = records.stream()
                .sorted(java.util.Comparator.comparingLong(ConsumerRecord::offset))
                .map(UserEventsTopic::body).toList();

        assertEvent(events.get(0), "UserRegistered", user.id(), 1, "Ada Lovelace");
        assertEvent(events.get(1), "UserUpdated", user.id(), 2, "Ada King");
        assertEvent(events.get(2), "UserDeleted", user.id(), 3, null);
        assertEquals(3, events.stream().map(e -> e.getString("eventId")).distinct().count(), "distinct event ids");

        ConsumerRecord<String, String> first = records.get(0);
        assertEquals(user.id(), first.key());
        assertEquals(UserEventsTopic.body(first).getString("eventId"),
                new String(first.headers().lastHeader("eventId").value(), StandardCharsets.UTF_8));

        assertEquals(404, Api.get("/auth/api/users/me", user.token()).statusCode(), "deleted account is gone");
    }

    @Test
    void renamingToTheSameNameWritesNoEvent() {
        User user = Accounts.register("same-name", "Grace Hopper");
        HttpResponse<String> same = Accounts.rename(user, "  Grace Hopper ", 1);
        assertEquals(200, same.statusCode(), same.body());
        assertEquals(1, Json.parse(same.body()).getJsonNumber("version").longValue(), "nothing changed");

        assertEquals(200, Accounts.rename(user, "Rear Admiral Hopper", 1).statusCode());

        // The second rename's event follows the registration on the user's partition; a spurious event for the
        // first rename would sit between them.
        List<ConsumerRecord<String, String>> records = topic.awaitRecords("the rename event", DEADLINE,
                all -> all.stream().anyMatch(r -> r.key().equals(user.id())
                        && UserEventsTopic.body(r).getString("type").equals("UserUpdated")));
        List<String> types = records.stream().filter(r -> r.key().equals(user.id()))
                .map(r -> UserEventsTopic.body(r).getString("type")).toList();
        assertEquals(List.of("UserRegistered", "UserUpdated"), types);
    }

    @Test
    void staleVersionIsAConflictAndWritesNoEvent() {
        User user = Accounts.register("stale", "Alan Turing");
        assertEquals(200, Accounts.rename(user, "A. M. Turing", 1).statusCode());
        HttpResponse<String> stale = Accounts.rename(user, "Someone Else", 1);
        assertEquals(409, stale.statusCode(), stale.body());
        assertEquals("application/problem+json", stale.headers().firstValue("Content-Type").orElse(""));
        assertEquals("A. M. Turing", Json.parse(Api.get("/auth/api/users/me", user.token()).body()).getString("displayName"));
    }

    @Test
    void failureAfterTheWritesRollsBackUserAndOutboxRow() {
        String username = Accounts.uniqueUsername("rollback");
        String doomedName = "Doomed " + UUID.randomUUID();
        HttpResponse<String> failed = Api.send("POST", "/auth/api/users", null, "application/json",
                Json.object(Map.of("username", username, "displayName", doomedName, "password", Accounts.PASSWORD)),
                Map.of("X-PlayBall-Fault", "after-write"));
        assertEquals(500, failed.statusCode(), failed.body());
        assertTrue(failed.body().contains("internal-error") && !failed.body().contains("Exception"), failed.body());

        // No account row: the same username registers afresh.
        HttpResponse<String> again = Accounts.tryRegister(username, "Survivor");
        assertEquals(201, again.statusCode(), again.body());
        String survivorId = Json.parse(again.body()).getString("id");

        // No outbox row: nothing carrying the doomed name was published before (or with) the survivor's event,
        // which the relay sends in commit order after anything committed earlier.
        List<ConsumerRecord<String, String>> records = topic.awaitRecords("the survivor's registration", DEADLINE,
                all -> all.stream().anyMatch(r -> r.key().equals(survivorId)));
        assertTrue(records.stream().noneMatch(r -> r.value().contains(doomedName)), "rolled-back event published");
    }

    static void assertEvent(JsonObject event, String type, String userId, long version, String displayName) {
        assertEquals(type, event.getString("type"), event.toString());
        assertEquals(1, event.getInt("schemaVersion"));
        assertEquals(userId, event.getString("userId"));
        assertEquals(version, event.getJsonNumber("userVersion").longValue());
        assertNotNull(UUID.fromString(event.getString("eventId")));
        assertNotNull(Instant.parse(event.getString("occurredAt")));
        if (displayName == null) {
            assertFalse(event.containsKey("displayName"), event.toString());
        } else {
            assertEquals(displayName, event.getString("displayName"));
        }
        assertEquals(Set.of("eventId", "type", "schemaVersion", "userId", "userVersion", "occurredAt", "displayName")
                        .containsAll(event.keySet()), true, "only contract fields: " + event.keySet());
    }
}
