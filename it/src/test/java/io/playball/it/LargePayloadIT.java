package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Api;
import io.playball.it.support.GroupEventsTopic;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.PostgresCluster;
import io.playball.it.support.UserEventsTopic;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * A payload of a mebibyte, the most the outbox takes, goes from the outbox table to the topic whole: the table stores
 * it (TEXT on PostgreSQL), the relay reads it back, and the producer and the topic take the record. Derby's storage
 * of it, and the refusal of a larger one at append, are the library's unit tests (OutboxWriterTest).
 */
@MicroShedTest
@OnEachDatabase
class LargePayloadIT {

    private static final int MEBIBYTE = 1_048_576;

    @BeforeAll
    static void onPostgres() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "the test writes the row as a server left it, into a database it can open (embedded Derby is the"
                        + " server's own)");
        Api.awaitReady();
    }

    @Test
    void aRowOfAMebibytesPayloadReachesTheTopicWhole() throws SQLException {
        String groupId = UUID.randomUUID().toString();
        String payload = payloadOf(groupId, MEBIBYTE);
        try (UserEventsTopic groupEvents = GroupEventsTopic.open()) {
            writeLeftBehindRow(groupId, payload);

            List<ConsumerRecord<String, String>> records = groupEvents.awaitForUsers(List.of(groupId), 1,
                    Duration.ofSeconds(30));
            assertEquals(MEBIBYTE, records.get(0).value().getBytes(StandardCharsets.UTF_8).length);
            assertEquals(payload, records.get(0).value());
        }
    }

    /** A row of groups' outbox as a server that stopped before sending it leaves it: unclaimed and due. */
    private static void writeLeftBehindRow(String groupId, String payload) throws SQLException {
        String table = PostgresCluster.groupsSchema() + ".group_outbox_event";
        try (Connection c = PostgresCluster.superuser(System.getProperty("playball.db.name", "test"));
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (event_id, aggregate_id,"
                     + " aggregate_version, event_type, payload, created_at, next_attempt_at, key_seq)"
                     + " VALUES (?, ?, 1, 'GroupRenamed', ?, ?, ?, 0)")) {
            Timestamp now = Timestamp.from(Instant.now());
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, groupId);
            insert.setString(3, payload);
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            insert.executeUpdate();
        }
    }

    /** A GroupRenamed event padded to exactly {@code bytes} bytes in UTF-8, with characters of 1 to 4 bytes. */
    private static String payloadOf(String groupId, int bytes) {
        String head = "{\"type\":\"GroupRenamed\",\"groupId\":\"" + groupId + "\",\"groupVersion\":1,\"name\":\""
                + "\u00e9\u20ac\ud83c\udfbe";
        String tail = "\"}";
        int used = head.getBytes(StandardCharsets.UTF_8).length + tail.length();
        return head + "x".repeat(bytes - used) + tail;
    }
}
