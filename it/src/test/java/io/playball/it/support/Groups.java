package io.playball.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The groups API as a client uses it. */
public final class Groups {

    private Groups() {
    }

    /** Creates a group, retrying while the caller's registration has not reached groups (409 user-not-known-yet). */
    public static String create(String token, String name) {
        return createAt(Api.baseUrl(), token, name);
    }

    /** On the server at {@code base}. */
    public static String createAt(String base, String token, String name) {
        HttpResponse<String> created = Poll.until("group creation", Duration.ofSeconds(20),
                () -> Api.sendTo(base, "POST", "/groups/api/groups", token, "application/json",
                        Json.object(Map.of("name", name)), Map.of()),
                r -> r.statusCode() != 409);
        assertEquals(201, created.statusCode(), created.body());
        return Json.parse(created.body()).getString("id");
    }

    public static HttpResponse<String> get(String token, String groupId) {
        return Api.get("/groups/api/groups/" + groupId, token);
    }

    /** Adds a member, retrying while that user's registration has not reached groups (404 user-not-found). */
    public static void addMember(String token, String groupId, String userId, String role) {
        HttpResponse<String> added = Poll.until("member " + userId + " added", Duration.ofSeconds(20),
                () -> Api.send("POST", "/groups/api/groups/" + groupId + "/members", token, "application/json",
                        Json.object(Map.of("userId", userId, "role", role)), Map.of()),
                r -> r.statusCode() != 404);
        assertEquals(201, added.statusCode(), added.body());
    }

    /** The member entry of {@code userId} in the group, or null. */
    public static JsonObject member(JsonObject group, String userId) {
        return group.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .filter(m -> m.getString("userId").equals(userId))
                .findFirst()
                .orElse(null);
    }
}
