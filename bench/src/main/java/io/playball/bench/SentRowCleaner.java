package io.playball.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes the outbox rows the Debezium relay has sent, off its send path, every 50 ms. A row can reach the relay
 * before its insert is visible to other sessions (logical decoding reads the commit from the WAL a moment before
 * the transaction shows in snapshots), so an id not deleted yet is tried again, for at most five seconds.
 */
final class SentRowCleaner implements AutoCloseable {

    private static final int CHUNK = 500;
    private static final int TRIES = 100;

    private final Connection db;
    private final String sql;
    /** Event id to the tries left. */
    private final Map<String, Integer> toDelete = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "debezium-relay-cleaner");
        t.setDaemon(true);
        return t;
    });

    SentRowCleaner(Connection db, String table) throws SQLException {
        this.db = db;
        this.sql = "DELETE FROM " + table + " WHERE event_id IN (" + String.join(",", Collections.nCopies(CHUNK, "?"))
                + ") RETURNING event_id";
        db.setAutoCommit(true);
        timer.scheduleWithFixedDelay(this::deleteSent, 50, 50, TimeUnit.MILLISECONDS);
    }

    void sent(List<String> eventIds) {
        eventIds.forEach(id -> toDelete.put(id, TRIES));
    }

    private void deleteSent() {
        List<String> ids = new ArrayList<>(toDelete.keySet());
        if (ids.isEmpty()) {
            return;
        }
        Set<String> deleted = new HashSet<>();
        try (PreparedStatement delete = db.prepareStatement(sql)) {
            for (int from = 0; from < ids.size(); from += CHUNK) {
                for (int i = 0; i < CHUNK; i++) {
                    delete.setString(i + 1, from + i < ids.size() ? ids.get(from + i) : null);
                }
                try (ResultSet r = delete.executeQuery()) {
                    while (r.next()) {
                        deleted.add(r.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            System.err.println("debezium-relay: deleting sent rows failed, tried again: " + e);
        }
        for (String id : ids) {
            if (deleted.contains(id) || toDelete.merge(id, -1, Integer::sum) <= 0) {
                toDelete.remove(id);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        timer.shutdownNow();
        db.close();
    }
}
