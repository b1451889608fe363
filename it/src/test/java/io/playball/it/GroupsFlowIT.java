package io.playball.it;

import static io.playball.it.support.GroupsApi.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Groups;
import io.playball.it.support.GroupsApi;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jaxrs.RESTClient;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The integration the product exists for: accounts changed in auth show up in groups, each change once. Groups is
 * read through a typed client MicroShed Testing injects, as a client application would read it.
 */
@MicroShedTest
@OnEachDatabase
public class GroupsFlowIT {

    @RESTClient  // injected into a public static field of a public class
    public static GroupsApi groups;

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void aNewUserCanCreateAGroupAndIsItsAdmin() {
        User ada = Accounts.register("flow", "Ada");
        String token = bearer(ada.token());
        Response created = Poll.until("the registration to reach groups", DEADLINE,
                () -> groups.create(token, new GroupsApi.NewGroup("Chess club")), r -> r.getStatus() != 409);
        assertEquals(201, created.getStatus());
        String groupId = created.readEntity(GroupsApi.MyGroup.class).id();

        List<GroupsApi.MyGroup> mine = groups.mine(token);
        assertEquals(1, mine.size(), mine::toString);
        assertEquals(groupId, mine.get(0).id());
        assertEquals("Chess club", mine.get(0).name());
        assertEquals("ADMIN", mine.get(0).role());

        GroupsApi.Member me = groups.get(token, groupId).member(ada.id()).orElseThrow();
        assertEquals("Ada", me.displayName());
        assertEquals("ADMIN", me.role());
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
                () -> groups.get(bearer(admin.token()), groupId).member(member.id()).orElseThrow().displayName(),
                "Alan M. Turing"::equals);
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

        GroupsApi.Group after = Poll.until("the leaver to be gone from the shared group", DEADLINE,
                () -> groups.get(bearer(older.token()), shared), g -> g.member(leaver.id()).isEmpty());
        assertEquals("ADMIN", after.member(older.id()).orElseThrow().role(), "longest-standing member promoted");
        assertEquals("PARTICIPANT", after.member(younger.id()).orElseThrow().role());
        assertEquals(2, after.members().size());

        assertEquals(404, Ops.group(solo).statusCode(), "a group left empty is deleted");
        JsonObject tombstone = Json.parse(Ops.userView(leaver.id()).body());
        assertTrue(tombstone.getBoolean("deleted"));
    }
}
