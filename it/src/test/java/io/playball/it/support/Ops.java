package io.playball.it.support;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * The operator's view, through the admin endpoints. The operator is an account of this test run made an operator the
 * way a deployment makes one: by the server's administrator, through Liberty's REST connector. An operator's token is
 * short-lived, so it is renewed well before it expires.
 */
public final class Ops {

    private static final Duration TOKEN_AGE = Duration.ofMinutes(2);
    private static Accounts.User operator;
    private static String token;
    private static Instant loggedInAt;

    private Ops() {
    }

    public static synchronized String token() {
        if (operator == null) {
            operator = Accounts.register("ops", "Operator");
            AdminConnector.grantOperator(operator.id());
        }
        if (token == null || Duration.between(loggedInAt, Instant.now()).compareTo(TOKEN_AGE) > 0) {
            token = Accounts.login(operator.username());
            loggedInAt = Instant.now();
        }
        return token;
    }

    /** The user view entry of a user (404 until the view knows them). */
    public static HttpResponse<String> userView(String userId) {
        return Api.get("/groups/api/admin/users/" + userId, token());
    }

    public static JsonObject awaitUserView(String what, String userId, java.util.function.Predicate<JsonObject> done) {
        HttpResponse<String> r = Poll.until(what, Duration.ofSeconds(30), () -> userView(userId),
                resp -> resp.statusCode() == 200 && done.test(Json.parse(resp.body())));
        return Json.parse(r.body());
    }

    public static HttpResponse<String> group(String groupId) {
        return Api.get("/groups/api/admin/groups/" + groupId, token());
    }

    /** A counter of the consumer, from /health/ready. */
    public static long consumerCounter(String name) {
        JsonObject health = Json.parse(Api.get("/health/ready", null).body());
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("user-events-consumer"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no consumer check in " + health))
                .getJsonObject("data").getJsonNumber(name).longValue();
    }
}
