package io.playball.bench;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
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

    /**
     * Looked up once: each {@code Json.create...} call looks the provider up again, through a failed class lookup,
     * which was a fifth of the bench's CPU in a REST run (CPU the server under test then did not have).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final String base;
    private final HttpClient http;

    PlayBallClient(String base, int threads) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(threads, r -> {
                    // daemon: the JVM (and exec:java, which joins live threads) ends when the scenario does
                    Thread t = new Thread(r, "bench-http");
                    t.setDaemon(true);
                    return t;
                }))
                .build();
    }

    /** 201 for a new account, 409 if the username is taken; anything else is an error. */
    int register(String username, String displayName, String password) {
        return send(post("/auth/api/users", null, JSON.createObjectBuilder().add("username", username)
                .add("displayName", displayName).add("password", password).build())).statusCode();
    }

    Token login(String username, String password) {
        HttpResponse<String> r = send(post("/auth/api/tokens", null, JSON.createObjectBuilder()
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

    /** The same read, the answer as it came. */
    HttpResponse<String> meRaw(Token token) {
        return send(request("/auth/api/users/me", token).GET().build());
    }

    /** Any request, the answer as it came. */
    HttpResponse<String> raw(HttpRequest request) {
        return send(request);
    }

    CompletableFuture<HttpResponse<String>> rename(Token token, String displayName, long version) {
        return http.sendAsync(renameRequest(token, displayName, version), HttpResponse.BodyHandlers.ofString());
    }

    /** The same change, waiting for the answer: 200 with the new version, 409 if {@code version} is stale. */
    HttpResponse<String> renameNow(Token token, String displayName, long version) {
        return send(renameRequest(token, displayName, version));
    }

    private HttpRequest renameRequest(Token token, String displayName, long version) {
        return request("/auth/api/users/me", token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectBuilder()
                        .add("displayName", displayName).add("version", version).build().toString()))
                .build();
    }

    /** GET /groups/api/groups: the caller's groups; the status only. */
    int myGroups(Token token) {
        return send(request("/groups/api/groups", token).GET().build()).statusCode();
    }

    /** POST /groups/api/groups: 201 with the group; 409 with Retry-After while groups does not know the caller yet. */
    HttpResponse<String> createGroup(Token token, String name) {
        return send(post("/groups/api/groups", token, JSON.createObjectBuilder().add("name", name).build()));
    }

    /** POST /groups/api/groups/{id}/members: 201 with the group (and its new version) when the user was added. */
    CompletableFuture<HttpResponse<String>> addMember(Token token, String groupId, String userId) {
        return http.sendAsync(post("/groups/api/groups/" + groupId + "/members", token, JSON.createObjectBuilder()
                .add("userId", userId).add("role", "PARTICIPANT").build()), HttpResponse.BodyHandlers.ofString());
    }

    /** PUT /groups/api/groups/{id}: 200 with the group, 409 if {@code version} is stale. */
    CompletableFuture<HttpResponse<String>> renameGroup(Token token, String groupId, String name, long version) {
        return http.sendAsync(request("/groups/api/groups/" + groupId, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.createObjectBuilder().add("name", name)
                        .add("version", version).build().toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** DELETE /groups/api/groups/{id}/members/{userId}: 204. */
    CompletableFuture<HttpResponse<String>> removeMember(Token token, String groupId, String userId) {
        return http.sendAsync(request("/groups/api/groups/" + groupId + "/members/" + userId, token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET /groups/api/groups/{id}: the group with its members' display names as groups knows them. */
    JsonObject group(Token token, String id) {
        HttpResponse<String> r = send(request("/groups/api/groups/" + id, token).GET().build());
        require(r, 200, "read group " + id);
        return json(r.body());
    }

    /** POST /auth/api/admin/outbox/hold: auth's relay stops sending; changes pile up in the outbox. */
    void holdRelay(Token admin) {
        require(send(request("/auth/api/admin/outbox/hold", admin).POST(HttpRequest.BodyPublishers.noBody())
                .build()), 204, "hold the outbox relay");
    }

    /** DELETE /auth/api/admin/outbox/hold: the relay resumes and drains the backlog. */
    void releaseRelay(Token admin) {
        require(send(request("/auth/api/admin/outbox/hold", admin).DELETE().build()), 204,
                "release the outbox relay");
    }

    /** GET /auth/api/admin/outbox/hold: {held, pending}. */
    JsonObject relayHold(Token admin) {
        HttpResponse<String> r = send(request("/auth/api/admin/outbox/hold", admin).GET().build());
        require(r, 200, "read the outbox hold");
        return json(r.body());
    }

    /** GET /groups/api/admin/applied-events?after=&limit= (admin). */
    JsonObject appliedEvents(Token admin, long after, int limit) {
        HttpResponse<String> r = send(request("/groups/api/admin/applied-events?after=" + after + "&limit=" + limit,
                admin).GET().build());
        require(r, 200, "read applied events (is the bench user an operator?)");
        return json(r.body());
    }

    /**
     * One value from /metrics in Prometheus text (Liberty's base scope holds the JVM's: {@code memory_usedHeap_bytes}),
     * or NaN if the server does not report it.
     */
    double metric(String scope, String name) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/metrics?scope=" + scope))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build());
        require(r, 200, "read /metrics");
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return Double.NaN;
    }

    /**
     * Makes an account an operator the way a deployment does: the server's administrator invokes the Operators MBean
     * through Liberty's REST connector, over HTTPS. The developer server's certificate is self-signed, generated at
     * its first start: this one call trusts any.
     */
    void grantOperator(String adminBase, String user, String password, String accountId) {
        String body = "{\"params\":[{\"value\":\"" + accountId + "\",\"type\":\"java.lang.String\"}],"
                + "\"signature\":[\"java.lang.String\"]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(adminBase + "/IBMJMXConnectorREST/mbeans/"
                        + "io.playball%3Atype%3DOperators/operations/grant"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(TrustAny.context()).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
            require(r, 200, "grant the operator role through " + adminBase + " as " + user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    /** A failed answer in a line: status and the start of the body. */
    static String describe(HttpResponse<String> response) {
        String body = response.body();
        return "HTTP " + response.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) : body);
    }

    static JsonObject json(String text) {
        return JSON.createReader(new StringReader(text)).readObject();
    }

    record Token(String value) {
    }
}
