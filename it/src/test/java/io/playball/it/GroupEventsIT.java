package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.GroupEventsTopic;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.UserEventsTopic;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Groups publishes its own events through the library's outbox: every change of a group puts its events on
 * {@code group-events}, keyed by the group's id, in the order of the change, each with the group's version after it.
 */
@MicroShedTest
@OnEachDatabase
public class GroupEventsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private UserEventsTopic topic;

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @BeforeEach
    void openTopic() {
        topic = GroupEventsTopic.open();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void everyChangeOfAGroupIsAnEventCarryingTheGroupsNewVersion() {
        User ada = Accounts.register("gev-admin", "Ada");
        User bob = Accounts.register("gev-member", "Bob");
        String groupId = Groups.create(ada.token(), "Chess club");
        Groups.addMember(ada.token(), groupId, bob.id(), "PARTICIPANT");
        long afterJoin = version(ada, groupId);
        assertEquals(200, putMember(ada, groupId, bob.id(), "ADMIN").statusCode());
        long afterPromotion = version(ada, groupId);
        HttpResponse<String> renamed = Api.putJson("/groups/api/groups/" + groupId, ada.token(),
                Json.object(Map.of("name", "Chess and Go", "version", afterPromotion)));
        assertEquals(200, renamed.statusCode(), renamed.body());
        long afterRename = Json.parse(renamed.body()).getJsonNumber("version").longValue();
        assertEquals(204, Api.delete("/groups/api/groups/" + groupId + "/members/" + bob.id(), bob.token())
                .statusCode());
        long afterLeaving = version(ada, groupId);
        assertEquals(204, Api.delete("/groups/api/groups/" + groupId, ada.token()).statusCode());

        List<ConsumerRecord<String, String>> events = eventsOf(groupId, 7);
        assertEquals(List.of("GroupCreated", "MemberJoined", "MemberJoined", "MemberRoleChanged", "GroupRenamed",
                "MemberLeft", "GroupDeleted"), types(events));
        assertEvent(events.get(0), groupId, 1, Map.of("name", "Chess club"));
        assertEvent(events.get(1), groupId, 1, Map.of("userId", ada.id(), "role", "ADMIN"));
        assertEvent(events.get(2), groupId, afterJoin, Map.of("userId", bob.id(), "role", "PARTICIPANT"));
        assertEvent(events.get(3), groupId, afterPromotion, Map.of("userId", bob.id(), "role", "ADMIN"));
        assertEvent(events.get(4), groupId, afterRename, Map.of("name", "Chess and Go"));
        assertEvent(events.get(5), groupId, afterLeaving, Map.of("userId", bob.id()));
        assertEvent(events.get(6), groupId, afterLeaving + 1, Map.of());
        assertTrue(afterJoin > 1 && afterPromotion > afterJoin && afterRename > afterPromotion
                && afterLeaving > afterRename, "each change a newer version: " + versions(events));
    }

    @Test
    void theLastMemberLeavingDeletesTheGroupAndSaysSo() {
        User ada = Accounts.register("gev-alone", "Ada");
        String groupId = Groups.create(ada.token(), "Solo");
        assertEquals(204, Api.delete("/groups/api/groups/" + groupId + "/members/" + ada.id(), ada.token())
                .statusCode());

        List<ConsumerRecord<String, String>> events = eventsOf(groupId, 4);
        assertEquals(List.of("GroupCreated", "MemberJoined", "MemberLeft", "GroupDeleted"), types(events));
        long version = body(events.get(2)).getJsonNumber("groupVersion").longValue();
        assertTrue(version > 1, "the departure is a change of its own: " + versions(events));
        assertEvent(events.get(2), groupId, version, Map.of("userId", ada.id()));
        assertEvent(events.get(3), groupId, version, Map.of());
    }

    @Test
    void aDeletedAccountLeavesItsGroupsAndTheLongestStandingMemberBecomesAdmin() {
        User ada = Accounts.register("gev-leaving", "Ada");
        User bob = Accounts.register("gev-staying", "Bob");
        String shared = Groups.create(ada.token(), "Shared");
        Groups.addMember(ada.token(), shared, bob.id(), "PARTICIPANT");
        long sharedBefore = version(ada, shared);
        String alone = Groups.create(ada.token(), "Ada's own");

        assertEquals(204, Api.delete("/auth/api/users/me", ada.token()).statusCode());

        List<ConsumerRecord<String, String>> sharedEvents = eventsOf(shared, 5);
        assertEquals(List.of("GroupCreated", "MemberJoined", "MemberJoined", "MemberLeft", "MemberRoleChanged"),
                types(sharedEvents));
        long sharedAfter = body(sharedEvents.get(3)).getJsonNumber("groupVersion").longValue();
        assertTrue(sharedAfter > sharedBefore, "a newer version: " + versions(sharedEvents));
        assertEvent(sharedEvents.get(3), shared, sharedAfter, Map.of("userId", ada.id()));
        assertEvent(sharedEvents.get(4), shared, sharedAfter, Map.of("userId", bob.id(), "role", "ADMIN"));
        assertEquals(sharedAfter, version(bob, shared), "the events carry the version the group has now");

        List<ConsumerRecord<String, String>> aloneEvents = eventsOf(alone, 4);
        assertEquals(List.of("GroupCreated", "MemberJoined", "MemberLeft", "GroupDeleted"), types(aloneEvents));
        long aloneAfter = body(aloneEvents.get(2)).getJsonNumber("groupVersion").longValue();
        assertEvent(aloneEvents.get(3), alone, aloneAfter, Map.of());
    }

    private List<ConsumerRecord<String, String>> eventsOf(String groupId, int count) {
        List<ConsumerRecord<String, String>> all = topic.awaitRecords(count + " events of group " + groupId,
                DEADLINE, records -> records.stream().filter(r -> groupId.equals(r.key())).count() >= count);
        List<ConsumerRecord<String, String>> mine = all.stream().filter(r -> groupId.equals(r.key())).toList();
        assertEquals(count, mine.size(), () -> "exactly these events: " + types(mine));
        return mine;
    }

    /** The contract's fields, the CloudEvents headers, and only the fields the type has. */
    private static void assertEvent(ConsumerRecord<String, String> record, String groupId, long version,
                                    Map<String, String> fields) {
        JsonObject body = body(record);
        String type = body.getString("type");
        assertEquals(groupId, body.getString("groupId"), type);
        assertEquals(version, body.getJsonNumber("groupVersion").longValue(), type + ": " + body);
        assertEquals(1, body.getInt("schemaVersion"), type);
        assertFalse(body.getString("occurredAt").isEmpty(), type);
        fields.forEach((name, value) -> assertEquals(value, body.getString(name), type + "." + name));
        for (String optional : List.of("name", "userId", "role")) {
            assertEquals(fields.containsKey(optional), body.containsKey(optional), type + " has " + optional);
        }
        assertEquals(body.getString("eventId"), header(record, "ce_id"), type);
        assertEquals(body.getString("eventId"), header(record, "eventId"), type);
        assertEquals("io.playball.group." + type, header(record, "ce_type"));
        assertEquals("/playball/groups", header(record, "ce_source"), type);
        assertEquals(groupId, header(record, "ce_subject"), type);
    }

    private static HttpResponse<String> putMember(User caller, String groupId, String userId, String role) {
        return Api.send("POST", "/groups/api/groups/" + groupId + "/members", caller.token(), "application/json",
                Json.object(Map.of("userId", userId, "role", role)), Map.of());
    }

    private static long version(User member, String groupId) {
        HttpResponse<String> group = Groups.get(member.token(), groupId);
        assertEquals(200, group.statusCode(), group.body());
        return Json.parse(group.body()).getJsonNumber("version").longValue();
    }

    private static JsonObject body(ConsumerRecord<String, String> record) {
        return UserEventsTopic.body(record);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> types(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> body(r).getString("type")).toList();
    }

    private static List<Long> versions(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> body(r).getJsonNumber("groupVersion").longValue()).toList();
    }
}
