package io.playball.it.support;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The outbox: its backlog as auth reports it in /health/ready, and (PostgreSQL) its rows as the table holds them. */
public final class Outbox {

    private Outbox() {
    }

    public static long pending() {
        return pendingAt(Api.baseUrl());
    }

    /** The same on the server at {@code base}, from its readiness data. */
    public static long pendingAt(String base) {
        return pendingAt(base, "user-events-out");
    }

    /** The backlog of the outbox that sends on {@code channel} (groups' is {@code group-events-out}). */
    public static long pendingAt(String base, String channel) {
        JsonObject health = Json.parse(Api.sendTo(base, "GET", "/health/ready", null, null, null, Map.of()).body());
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("outbox")
                        && c.getJsonObject("data").getString("channel", "").equals(channel))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outbox check in " + health))
                .getJsonObject("data").getJsonNumber("pending").longValue();
    }

    /** PostgreSQL: the live claims of relays whose owner name starts with {@code ownerPrefix}, event id → until. */
    public static Map<String, Instant> claimsOf(String ownerPrefix) {
        Map<String, Instant> claims = new HashMap<>();
        query("SELECT event_id, claimed_until FROM " + table() + " WHERE claimed_by LIKE ?", ownerPrefix + "%", r -> {
            Instant until = r.getTimestamp(2).toInstant();
            if (until.isAfter(Instant.now())) {
                claims.put(r.getString(1), until);
            }
        });
        return claims;
    }

    /** PostgreSQL: which of these events still have a row in the outbox. */
    public static Set<String> pendingAmong(Collection<String> eventIds) {
        Set<String> pending = new HashSet<>();
        query("SELECT event_id FROM " + table(), null, r -> {
            if (eventIds.contains(r.getString(1))) {
                pending.add(r.getString(1));
            }
        });
        return pending;
    }

    private static String table() {
        return PostgresCluster.authSchema() + ".outbox_event";
    }

    private interface Row {
        void read(ResultSet r) throws SQLException;
    }

    private static void query(String sql, String parameter, Row row) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/"
                + System.getProperty("playball.db.name", "test"), "postgres", "");
             PreparedStatement s = c.prepareStatement(sql)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    row.read(r);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
