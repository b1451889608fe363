package io.playball.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keys the relay cannot send for the length of a run: for each, one row in auth's outbox, of a key no user has,
 * whose payload is larger than the producer's {@code max.request.size}. The producer refuses it before any request,
 * so the relay backs it off and tries again for as long as it stays, and its key is held behind it as a key behind
 * any failing send is. The library's own append refuses such a payload: the row is written with SQL, as a row
 * written before the limit existed would be. The rows go on close, whatever the run did.
 */
final class HeldKeys implements AutoCloseable {

    /** Above the producers' max.request.size (1,114,112 bytes). */
    private static final int PAYLOAD_BYTES = 1_300_000;

    private final Options options;
    private final List<String> eventIds = new ArrayList<>();

    private HeldKeys(Options options) {
        this.options = options;
    }

    /** Writes {@code count} rows, each of a key of its own; none when count is 0. */
    static HeldKeys hold(Options options, int count) throws SQLException {
        HeldKeys held = new HeldKeys(options);
        if (count == 0) {
            return held;
        }
        String payload = "{\"padding\":\"" + "x".repeat(PAYLOAD_BYTES) + "\"}";
        try (Connection db = held.connect(); PreparedStatement insert = db.prepareStatement("INSERT INTO "
                + options.outboxTable() + " (event_id, aggregate_id, aggregate_version, key_seq, event_type, payload,"
                + " created_at, attempts, next_attempt_at) VALUES (?, ?, 1, 1, 'UserUpdated', ?, ?, 0, ?)")) {
            for (int i = 0; i < count; i++) {
                String eventId = UUID.randomUUID().toString();
                Timestamp now = Timestamp.from(Instant.now());
                insert.setString(1, eventId);
                insert.setString(2, UUID.randomUUID().toString());
                insert.setString(3, payload);
                insert.setTimestamp(4, now);
                insert.setTimestamp(5, now);
                insert.executeUpdate();
                held.eventIds.add(eventId);
            }
        }
        System.out.printf("held: %d key(s), each behind a row of %,d bytes that the producer refuses%n", count,
                payload.length());
        return held;
    }

    /** Each held row's attempts so far and its last error, so that a run shows its keys were held throughout. */
    List<Attempts> attempts() throws SQLException {
        List<Attempts> found = new ArrayList<>();
        if (eventIds.isEmpty()) {
            return found;
        }
        try (Connection db = connect(); PreparedStatement select = db.prepareStatement("SELECT attempts, last_error"
                + " FROM " + options.outboxTable() + " WHERE event_id = ?")) {
            for (String eventId : eventIds) {
                select.setString(1, eventId);
                try (ResultSet r = select.executeQuery()) {
                    found.add(r.next() ? new Attempts(r.getInt(1), r.getString(2)) : new Attempts(-1, "row gone"));
                }
            }
        }
        return found;
    }

    @Override
    public void close() throws SQLException {
        if (eventIds.isEmpty()) {
            return;
        }
        try (Connection db = connect(); PreparedStatement delete = db.prepareStatement("DELETE FROM "
                + options.outboxTable() + " WHERE event_id = ?")) {
            for (String eventId : eventIds) {
                delete.setString(1, eventId);
                delete.executeUpdate();
            }
        }
        eventIds.clear();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.pgUser(), options.pgPassword());
    }

    /** A held row's failed sends, and its last error (-1 and "row gone" if it was deleted or sent). */
    record Attempts(int count, String lastError) {
    }
}
