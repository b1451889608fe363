package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.GroupEventsTopic;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.UserEventsTopic;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Auth and groups each run the library's outbox, with a relay, a hold and operator tools of their own: holding one
 * leaves the other sending, and what the held one kept is sent once it is released (or at an operator's word).
 */
@MicroShedTest
public class TwoOutboxesIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String GROUPS_OUTBOX = "/groups/api/admin/outbox";
    private static final String AUTH_OUTBOX = "/auth/api/admin/outbox";

    @BeforeAll
    static void ready() {
        Api.awaitReady();
        Ops.token();
    }

    @Test
    void groupEventsWaitWhileGroupsRelayIsHeldAndUserEventsDoNot() {
        User ada = Accounts.register("held-groups", "Ada");
        Ops.awaitUserView("ada known to groups", ada.id(), v -> true);
        try (UserEventsTopic users = new UserEventsTopic(); UserEventsTopic groups = GroupEventsTopic.open()) {
            assertEquals(204, Api.send("POST", GROUPS_OUTBOX + "/hold", Ops.token(), null, null, Map.of())
                    .statusCode());
            String groupId;
            try {
                groupId = Groups.create(ada.token(), "Held back");
                List<JsonObject> waiting = Poll.until("the group's two events in groups' outbox", DEADLINE,
                        () -> pendingOf(GROUPS_OUTBOX, groupId), rows -> rows.size() == 2);
                assertEquals(Set.of("GroupCreated", "MemberJoined"),
                        Set.copyOf(waiting.stream().map(r -> r.getString("type")).toList()));
                JsonObject hold = Json.parse(Api.get(GROUPS_OUTBOX + "/hold", Ops.token()).body());
                assertTrue(hold.getBoolean("held") && hold.getJsonNumber("pending").longValue() >= 2, hold.toString());
                assertEquals("group-events-out", hold.getString("channel"), "the hold names the channel it holds");

                // auth's relay is not held: a rename reaches user-events meanwhile
                assertEquals(200, Accounts.rename(ada, "Ada L.", 1).statusCode());
                users.awaitRecords("ada's rename on user-events", DEADLINE, records -> records.stream()
                        .anyMatch(r -> ada.id().equals(r.key())));

                // an operator sends one of the held events now
                String created = waiting.stream().filter(r -> r.getString("type").equals("GroupCreated"))
                        .findFirst().orElseThrow().getString("eventId");
                HttpResponse<String> sent = Api.send("POST", GROUPS_OUTBOX + "/" + created + "/send", Ops.token(),
                        null, null, Map.of());
                assertEquals(202, sent.statusCode(), sent.body());
                assertEquals(groupId, Json.parse(sent.body()).getString("key"));
                groups.awaitRecords("the GroupCreated sent at the operator's word", DEADLINE, records -> records
                        .stream().anyMatch(r -> groupId.equals(r.key())
                                && UserEventsTopic.body(r).getString("eventId").equals(created)));
            } finally {
                assertEquals(204, Api.delete(GROUPS_OUTBOX + "/hold", Ops.token()).statusCode());
            }
            groups.awaitRecords("the rest sent once groups' relay is released", DEADLINE, records -> records.stream()
                    .filter(r -> groupId.equals(r.key())).count() >= 2);
            Poll.until("groups' outbox empty of the group's events", DEADLINE,
                    () -> pendingOf(GROUPS_OUTBOX, groupId), List::isEmpty);
        }
    }

    @Test
    void groupEventsKeepFlowingWhileAuthsRelayIsHeld() {
        User bob = Accounts.register("held-auth", "Bob");
        Ops.awaitUserView("bob known to groups", bob.id(), v -> true);
        try (UserEventsTopic groups = GroupEventsTopic.open()) {
            assertEquals(204, Api.send("POST", AUTH_OUTBOX + "/hold", Ops.token(), null, null, Map.of())
                    .statusCode());
            try {
                assertEquals(200, Accounts.rename(bob, "Bob B.", 1).statusCode());
                String groupId = Groups.create(bob.token(), "Not held");
                groups.awaitRecords("the group's events while auth's relay is held", DEADLINE, records -> records
                        .stream().filter(r -> groupId.equals(r.key())).count() == 2);
                assertEquals(1, pendingOf(AUTH_OUTBOX, bob.id()).size(), "the rename waits in auth's");
            } finally {
                assertEquals(204, Api.delete(AUTH_OUTBOX + "/hold", Ops.token()).statusCode());
            }
            Poll.until("auth's outbox sends the rename once released", DEADLINE,
                    () -> pendingOf(AUTH_OUTBOX, bob.id()), List::isEmpty);
        }
    }

    /** The service's pending outbox rows whose {@code field} is {@code value}. */
    private static List<JsonObject> pendingOf(String outbox, String key) {
        HttpResponse<String> pending = Api.get(outbox + "?limit=1000", Ops.token());
        assertEquals(200, pending.statusCode(), pending.body());
        return Json.parseArray(pending.body()).stream().filter(r -> key.equals(r.getString("key"))).toList();
    }
}
