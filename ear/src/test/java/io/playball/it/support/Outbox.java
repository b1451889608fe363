package io.playball.it.support;

import jakarta.json.JsonObject;

/** Reads the outbox backlog that auth reports in /health/ready. */
public final class Outbox {

    private Outbox() {
    }

    public static long pending() {
        JsonObject health = Json.parse(Api.get("/health/ready", null).body());
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("outbox"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outbox check in " + health))
                .getJsonObject("data").getJsonNumber("pending").longValue();
    }
}
