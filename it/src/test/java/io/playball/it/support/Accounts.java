package io.playball.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Registers and logs in users with usernames unique to this test run, so runs never collide on a kept database. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final AtomicInteger ADDRESSES = new AtomicInteger(new Random().nextInt(1 << 20));

    private Accounts() {
    }

    public static String uniqueUsername(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.test";
    }

    /**
     * Each test user is a client of its own: the test server trusts the loopback address as a proxy, and its
     * {@code X-Forwarded-For} gives every registration and login a client address apart, so that the per-address
     * limits hold for the tests as for real clients (the throttling tests send from addresses of their own).
     */
    public static HttpResponse<String> tryRegister(String username, String displayName) {
        return tryRegisterAt(Api.baseUrl(), username, displayName);
    }

    /** The same at the server at {@code base}. */
    public static HttpResponse<String> tryRegisterAt(String base, String username, String displayName) {
        String address = clientAddress();
        return retriedWhileBusy(() -> Api.sendTo(base, "POST", "/auth/api/users", null, "application/json",
                Json.object(Map.of("username", username, "displayName", displayName, "password", PASSWORD)),
                Map.of(FORWARDED_FOR, address)));
    }

    /**
     * As a well-behaved client does: a 503 "busy" (more hashes queued than the hashing pool's time budget holds,
     * which many registrations at once cause on purpose) is tried again.
     */
    private static HttpResponse<String> retriedWhileBusy(java.util.function.Supplier<HttpResponse<String>> request) {
        return Poll.until("an answer other than 503 busy", java.time.Duration.ofSeconds(60), request,
                r -> r.statusCode() != 503 || !r.body().contains("urn:playball:problem:busy"));
    }

    /** An address of a private network, a different one each call. */
    public static String clientAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /** A new user: its id, username, and a token. */
    public static User register(String prefix, String displayName) {
        return registerAt(Api.baseUrl(), prefix, displayName);
    }

    /** The same at the server at {@code base}, whose token it gets. */
    public static User registerAt(String base, String prefix, String displayName) {
        String username = uniqueUsername(prefix);
        HttpResponse<String> created = tryRegisterAt(base, username, displayName);
        assertEquals(201, created.statusCode(), () -> "registration: " + created.body());
        JsonObject account = Json.parse(created.body());
        return new User(account.getString("id"), username, loginAt(base, username));
    }

    public static String login(String username) {
        return loginAt(Api.baseUrl(), username);
    }

    public static String loginAt(String base, String username) {
        String address = clientAddress();
        HttpResponse<String> response = retriedWhileBusy(() -> Api.sendTo(base, "POST", "/auth/api/tokens", null,
                "application/json", Json.object(Map.of("username", username, "password", PASSWORD)),
                Map.of(FORWARDED_FOR, address)));
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
