package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The PlayBall REST calls the benchmark makes, over one HTTP/1.1 client. */
final class PlayBallClient {

    private final String base;
    private final HttpClient http;

    PlayBallClient(String base, int threads) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(threads))
                .build();
    }

    /** 201 for a new account, 409 if the username is taken; anything else is an error. */
    int register(String username, String displayName, String password) {
        return send(post("/auth/api/users", null, Json.createObjectBuilder().add("username", username)
                .add("displayName", displayName).add("password", password).build())).statusCode();
    }

    Token login(String username, String password) {
        HttpResponse<String> r = send(post("/auth/api/tokens", null, Json.createObjectBuilder()
                .add("username", username).add("password", password).build()));
        require(r, 200, "log in " + username);
        return new Token(json(r.body()).getString("accessToken"));
    }

    /** The caller's account: {id, version, ...}. */
    JsonObject me(Token token) {
        HttpResponse<String> r = send(request("/auth/api/users/me", token).GET().build());
        require(r, 200, "read own account");
        return json(r.body());
    }

    CompletableFuture<HttpResponse<String>> rename(Token token, String displayName, long version) {
        HttpRequest request = request("/auth/api/users/me", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("displayName", displayName).add("version", version).build().toString()))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** GET /groups/api/admin/applied-events?after=&limit= (admin). */
    JsonObject appliedEvents(Token admin, long after, int limit) {
        HttpResponse<String> r = send(request("/groups/api/admin/applied-events?after=" + after + "&limit=" + limit,
                admin).GET().build());
        require(r, 200, "read applied events (is the bench user in PLAYBALL_ADMIN_USERNAMES?)");
        return json(r.body());
    }

    boolean ready() {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + "/health/ready")).GET().build()).statusCode() == 200;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private HttpRequest post(String path, Token token, JsonObject body) {
        return request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
    }

    private HttpRequest.Builder request(String path, Token token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        return token == null ? b : b.header("Authorization", "Bearer " + token.value());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void require(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": HTTP " + r.statusCode() + " " + r.body());
        }
    }

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    record Token(String value) {
    }
}
