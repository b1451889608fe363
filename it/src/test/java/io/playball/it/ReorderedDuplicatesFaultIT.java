package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.Metrics;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Fault 5: records written straight to the topic out of order and duplicated. For every user, the view ends at the
 * highest version, and the inbox holds each distinct event exactly once. Written in one burst, the records arrive
 * faster than one transaction each, so the consumer applies them in batches: the batch path is what this checks.
 */
@MicroShedTest
@OnEachDatabase
class ReorderedDuplicatesFaultIT {

    private static final String BATCH = "playball_consumer_batch_size";

    @Test
    void shuffledAndRepeatedEventsEndAtTheLatestVersionOnceEach() {
        Api.awaitReady();
        Random random = new Random(42);
        int users = 300;  // about 3,000 records: more than the connector's unacked.limit, so acknowledgements must free the stream
        int versions = 5;
        List<String> userIds = new ArrayList<>();
        List<String[]> records = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String userId = UUID.randomUUID().toString();
            userIds.add(userId);
            for (int v = 1; v <= versions; v++) {
                String event = TopicWriter.event(UUID.randomUUID(), v == 1 ? "UserRegistered" : "UserUpdated",
                        userId, v, "Name at v" + v);
                int copies = 1 + random.nextInt(3);
                for (int c = 0; c < copies; c++) {
                    records.add(new String[] {userId, event});
                }
            }
        }
        Collections.shuffle(records, random);
        Metrics before = Metrics.scrape();
        try (TopicWriter writer = new TopicWriter()) {
            writer.sendAll(records);
        }

        for (String userId : userIds) {
            JsonObject view = Ops.awaitUserView("all events of " + userId, userId,
                    v -> v.getJsonNumber("consumedEvents").longValue() == versions);
            assertEquals(versions, view.getInt("version"), view.toString());
            assertEquals("Name at v" + versions, view.getString("displayName"));
        }

        // Every record went through a committed transaction, and some of those transactions held several records.
        // Other events may move the same histogram meanwhile, each one record in one transaction at least, which
        // keeps "fewer transactions than records" a fair reading of this burst.
        Metrics after = Poll.until("every record applied, skipped or ignored", Duration.ofSeconds(30), Metrics::scrape,
                m -> m.delta(before, BATCH + "_sum") >= records.size());
        double transactions = after.delta(before, BATCH + "_count");
        double recordsInThem = after.delta(before, BATCH + "_sum");
        assertTrue(transactions < recordsInThem, recordsInThem + " records in " + transactions + " transactions");
    }
}
