package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.Ops;
import io.playball.it.support.Tokens;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** Who may do what to a group: non-member, participant, admin, and callers without a valid token. */
@MicroShedTest
class GroupsAuthorizationIT {

    private static User admin;
    private static User participant;
    private static User outsider;
    private static String groupId;

    @BeforeAll
    static void setUp() {
        Api.awaitReady();
        admin = Accounts.register("authz-admin", "Admin");
        participant = Accounts.register("authz-participant", "Participant");
        outsider = Accounts.register("authz-outsider", "Outsider");
        groupId = Groups.create(admin.token(), "Guarded");
        Groups.addMember(admin.token(), groupId, participant.id(), "PARTICIPANT");
        Groups.create(outsider.token(), "Outsider's own");  // makes sure the outsider is known to groups
    }

    @Test
    void onlyMembersSeeAGroup() {
        assertEquals(200, Groups.get(admin.token(), groupId).statusCode());
        assertEquals(200, Groups.get(participant.token(), groupId).statusCode());
        BadInputIT.assertProblem(Groups.get(outsider.token(), groupId), 404);
        BadInputIT.assertProblem(Groups.get(outsider.token(), "no-such-group"), 404);
    }

    @Test
    void tokensThatAreMissingForgedExpiredOrUnsignedAre401() {
        String path = "/groups/api/groups/" + groupId;
        assertEquals(200, Api.get(path, Tokens.signedByServer(admin.id(), Instant.now().plusSeconds(300))).statusCode(),
                "control: a token made the same way but valid is accepted");
        assertEquals(401, Api.get(path, null).statusCode(), "no token");
        assertEquals(401, Api.get(path, Tokens.forged(admin.id())).statusCode(), "forged");
        assertEquals(401, Api.get(path, Tokens.forgedWithTheServersKid(admin.id())).statusCode(),
                "forged, naming the server's key");
        assertEquals(401, Api.get(path, Tokens.signedByServer(admin.id(), Instant.now().minusSeconds(600))).statusCode(),
                "expired");
        assertEquals(401, Api.get(path, Tokens.unsigned(admin.id())).statusCode(), "alg none");
        assertEquals(401, Api.get("/groups/api/groups", "garbage").statusCode(), "garbage");
    }

    @Test
    void onlyAdminsRenameAndStaleVersionsConflict() {
        String group = Groups.create(admin.token(), "To rename");
        Groups.addMember(admin.token(), group, participant.id(), "PARTICIPANT");
        long version = Json.parse(Groups.get(admin.token(), group).body()).getJsonNumber("version").longValue();
        assertEquals(2, version, "adding a member is a change of the group");
        String body = "{\"name\":\"Renamed\",\"version\":" + version + "}";
        BadInputIT.assertProblem(Api.putJson("/groups/api/groups/" + group, participant.token(), body), 403);
        BadInputIT.assertProblem(Api.putJson("/groups/api/groups/" + group, outsider.token(), body), 404);
        HttpResponse<String> renamed = Api.putJson("/groups/api/groups/" + group, admin.token(), body);
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertEquals("Renamed", Json.parse(renamed.body()).getString("name"));
        assertEquals(version + 1, Json.parse(renamed.body()).getInt("version"));
        BadInputIT.assertProblem(Api.putJson("/groups/api/groups/" + group, admin.token(), body), 409);
    }

    @Test
    void onlyAdminsDelete() {
        String group = Groups.create(admin.token(), "To delete");
        Groups.addMember(admin.token(), group, participant.id(), "PARTICIPANT");
        BadInputIT.assertProblem(Api.delete("/groups/api/groups/" + group, participant.token()), 403);
        BadInputIT.assertProblem(Api.delete("/groups/api/groups/" + group, outsider.token()), 404);
        assertEquals(204, Api.delete("/groups/api/groups/" + group, admin.token()).statusCode());
        BadInputIT.assertProblem(Groups.get(admin.token(), group), 404);
    }

    @Test
    void membershipRules() {
        String group = Groups.create(admin.token(), "Members");
        Groups.addMember(admin.token(), group, participant.id(), "PARTICIPANT");
        String members = "/groups/api/groups/" + group + "/members";

        BadInputIT.assertProblem(Api.send("POST", members, participant.token(), "application/json",
                Json.object(Map.of("userId", outsider.id(), "role", "PARTICIPANT")), Map.of()), 403);
        BadInputIT.assertProblem(Api.send("POST", members, admin.token(), "application/json",
                Json.object(Map.of("userId", "unknown-user", "role", "PARTICIPANT")), Map.of()), 404);
        BadInputIT.assertProblem(Api.send("POST", members, admin.token(), "application/json",
                Json.object(Map.of("userId", outsider.id(), "role", "KING")), Map.of()), 400);

        BadInputIT.assertProblem(Api.delete(members + "/" + admin.id(), participant.token()), 403);
        BadInputIT.assertProblem(Api.delete(members + "/" + admin.id(), admin.token()), 409);  // last admin
        assertEquals(204, Api.delete(members + "/" + participant.id(), participant.token()).statusCode(), "leave");
        BadInputIT.assertProblem(Groups.get(participant.token(), group), 404);
    }

    /**
     * A token outlives a deleted account: once groups has applied the deletion, every write with it is refused
     * (403 account-deleted), whichever group it names, even one the account still belonged to a moment ago.
     */
    @Test
    void aDeletedAccountsTokenWritesNothing() {
        User leaving = Accounts.register("authz-leaving", "Leaving");
        String own = Groups.create(leaving.token(), "Left behind");
        Groups.addMember(leaving.token(), own, participant.id(), "PARTICIPANT");
        String members = "/groups/api/groups/" + own + "/members";
        assertEquals(204, Api.delete("/auth/api/users/me", leaving.token()).statusCode());
        Ops.awaitUserView("the deletion applied", leaving.id(), v -> v.getBoolean("deleted"));

        java.util.List<HttpResponse<String>> writes = java.util.List.of(
                Api.send("POST", "/groups/api/groups", leaving.token(), "application/json",
                        Json.object(Map.of("name", "After deletion")), Map.of()),
                Api.putJson("/groups/api/groups/" + own, leaving.token(), "{\"name\":\"Renamed\",\"version\":1}"),
                Api.delete("/groups/api/groups/" + own, leaving.token()),
                Api.send("POST", members, leaving.token(), "application/json",
                        Json.object(Map.of("userId", outsider.id(), "role", "PARTICIPANT")), Map.of()),
                Api.delete(members + "/" + participant.id(), leaving.token()));
        for (HttpResponse<String> write : writes) {
            BadInputIT.assertProblem(write, 403);
            assertEquals(true, write.body().contains("account-deleted"), write.body());
        }
        assertEquals(200, Groups.get(participant.token(), own).statusCode(), "the group is still there");
    }

    @Test
    void badGroupBodiesAre400() {
        BadInputIT.assertProblem(Api.send("POST", "/groups/api/groups", admin.token(), "application/json",
                "{\"name\":\"   \"}", Map.of()), 400);
        BadInputIT.assertProblem(Api.send("POST", "/groups/api/groups", admin.token(), "application/json",
                Json.object(Map.of("name", "x".repeat(101))), Map.of()), 400);
        BadInputIT.assertProblem(Api.send("POST", "/groups/api/groups", admin.token(), "application/json",
                "{\"name\":", Map.of()), 400);
        BadInputIT.assertProblem(Api.send("POST", "/groups/api/groups", admin.token(), "application/json",
                "{\"name\":42}", Map.of()), 400);
    }
}
