package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** The integration the product exists for: accounts changed in auth show up in groups, each change once. */
@MicroShedTest
class GroupsFlowIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void aNewUserCanCreateAGroupAndIsItsAdmin() {
        User ada = Accounts.register("flow", "Ada");
        String groupId = Groups.create(ada.token(), "Chess club");

        HttpResponse<String> mine = Api.get("/groups/api/groups", ada.token());
        assertEquals(200, mine.statusCode(), mine.body());
        List<JsonObject> groups = Json.parseArray(mine.body());
        assertEquals(1, groups.size(), mine.body());
        assertEquals(groupId, groups.get(0).getString("id"));
        assertEquals("Chess club", groups.get(0).getString("name"));
        assertEquals("ADMIN", groups.get(0).getString("role"));

        JsonObject group = Json.parse(Groups.get(ada.token(), groupId).body());
        JsonObject me = Groups.member(group, ada.id());
        assertEquals("Ada", me.getString("displayName"));
        assertEquals("ADMIN", me.getString("role"));
    }

    @Test
    void aUserNotYetKnownGetsAConflictWithRetryAfter() {
        String stranger = java.util.UUID.randomUUID().toString();  // never registered: no event will come
        String token = io.playball.it.support.Tokens.signedByServer(stranger, java.time.Instant.now().plusSeconds(300));
        HttpResponse<String> r = Api.send("POST", "/groups/api/groups", token, "application/json",
                "{\"name\":\"Too early\"}", java.util.Map.of());
        BadInputIT.assertProblem(r, 409);
        assertTrue(r.body().contains("user-not-known-yet"), r.body());
        assertTrue(r.headers().firstValue("Retry-After").isPresent(), "Retry-After");
    }

    @Test
    void aDisplayNameChangeShowsInTheMemberList() {
        User admin = Accounts.register("flow-admin", "Grace");
        User member = Accounts.register("flow-member", "Alan");
        String groupId = Groups.create(admin.token(), "Codebreakers");
        Groups.addMember(admin.token(), groupId, member.id(), "PARTICIPANT");

        assertEquals(200, Accounts.rename(member, "Alan M. Turing", 1).statusCode());

        Poll.until("the new name in the member list", DEADLINE,
                () -> Groups.member(Json.parse(Groups.get(admin.token(), groupId).body()), member.id()),
                m -> m != null && m.getString("displayName").equals("Alan M. Turing"));
    }

    @Test
    void deletingAnAccountRemovesTheUserEverywherePromotingOrDeleting() {
        User leaver = Accounts.register("leaver", "Leaver");
        User older = Accounts.register("older", "Older member");
        User younger = Accounts.register("younger", "Younger member");
        String shared = Groups.create(leaver.token(), "Shared");
        Groups.addMember(leaver.token(), shared, older.id(), "PARTICIPANT");
        Groups.addMember(leaver.token(), shared, younger.id(), "PARTICIPANT");
        String solo = Groups.create(leaver.token(), "Solo");

        assertEquals(204, Api.delete("/auth/api/users/me", leaver.token()).statusCode());

        JsonObject after = Json.parse(Poll.until("the leaver to be gone from the shared group", DEADLINE,
                () -> Groups.get(older.token(), shared),
                r -> r.statusCode() == 200 && Groups.member(Json.parse(r.body()), leaver.id()) == null).body());
        assertEquals("ADMIN", Groups.member(after, older.id()).getString("role"), "longest-standing member promoted");
        assertEquals("PARTICIPANT", Groups.member(after, younger.id()).getString("role"));
        assertEquals(2, after.getJsonArray("members").size());

        assertEquals(404, Ops.group(solo).statusCode(), "a group left empty is deleted");
        JsonObject tombstone = Json.parse(Ops.userView(leaver.id()).body());
        assertTrue(tombstone.getBoolean("deleted"));
        assertNull(Groups.member(after, leaver.id()));
        assertNotNull(Groups.member(after, younger.id()));
    }
}
