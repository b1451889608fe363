package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Api;
import io.playball.it.support.Ops;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Fault 5: records written straight to the topic out of order and duplicated. For every user, the view ends at the
 * highest version, and the inbox holds each distinct event exactly once.
 */
@MicroShedTest
class ReorderedDuplicatesFaultIT {

    @Test
    void shuffledAndRepeatedEventsEndAtTheLatestVersionOnceEach() {
        Api.awaitReady();
        Random random = new Random(42);
        int users = 20;
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
        try (TopicWriter writer = new TopicWriter()) {
            records.forEach(r -> writer.send(r[0], r[1]));
        }

        for (String userId : userIds) {
            JsonObject view = Ops.awaitUserView("all events of " + userId, userId,
                    v -> v.getJsonNumber("consumedEvents").longValue() == versions);
            assertEquals(versions, view.getInt("version"), view.toString());
            assertEquals("Name at v" + versions, view.getString("displayName"));
        }
    }
}
