package io.playball.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/** Registers and logs in users with usernames unique to this test run, so runs never collide on a kept database. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery staple";

    private Accounts() {
    }

    public static String uniqueUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.test";
    }

    public static HttpResponse<String> tryRegister(String username, String displayName) {
        return Api.postJson("/auth/api/users",
                Json.object(Map.of("username", username, "displayName", displayName, "password", PASSWORD)));
    }

    /** A new user: its id, username, and a token. */
    public static User register(String prefix, String displayName) {
        String username = uniqueUsername(prefix);
        HttpResponse<String> created = tryRegister(username, displayName);
        assertEquals(201, created.statusCode(), () -> "registration: " + created.body());
        JsonObject account = Json.parse(created.body());
        return new User(account.getString("id"), username, login(username));
    }

    public static String login(String username) {
        HttpResponse<String> response = Api.postJson("/auth/api/tokens",
                Json.object(Map.of("username", username, "password", PASSWORD)));
        assertEquals(200, response.statusCode(), () -> "login: " + response.body());
        return Json.parse(response.body()).getString("accessToken");
    }

    public static HttpResponse<String> rename(User user, String displayName, long version) {
        return rename(Api.baseUrl(), user, displayName, version);
    }

    /** The same through the server at {@code base}. */
    public static HttpResponse<String> rename(String base, User user, String displayName, long version) {
        return Api.sendTo(base, "PUT", "/auth/api/users/me", user.token(), "application/json",
                Json.object(Map.of("displayName", displayName, "version", version)), Map.of());
    }

    public record User(String id, String username, String token) {
    }
}
