package io.playball.it.support;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The operator's view, through the admin endpoints: the integration-test server makes {@code ops@playball.test} an
 * admin. On a database kept from an earlier run the account may exist already; then it only logs in.
 */
public final class Ops {

    public static final String USERNAME = "ops@playball.test";
    private static String token;

    private Ops() {
    }

    public static synchronized String token() {
        if (token == null) {
            HttpResponse<String> r = Accounts.tryRegister(USERNAME, "Operator");
            if (r.statusCode() != 201 && r.statusCode() != 409) {
                throw new AssertionError("cannot register the operator: " + r.body());
            }
            token = Accounts.login(USERNAME);
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
