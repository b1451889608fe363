package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Events written straight to the topic, duplicated and out of order: each is applied at most once, and never over a
 * newer state. Records of one user share a partition, so once a later record is applied the earlier ones were handled.
 */
@MicroShedTest
@OnEachDatabase
class ConsumerIdempotencyIT {

    private static TopicWriter writer;

    @BeforeAll
    static void open() {
        Api.awaitReady();
        writer = new TopicWriter();
    }

    @AfterAll
    static void close() {
        writer.close();
    }

    @Test
    void theSameEventFiftyTimesIsAppliedOnce() {
        String userId = UUID.randomUUID().toString();
        String event = TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 1, "Fifty times");
        long duplicatesBefore = Ops.consumerCounter("duplicates");
        for (int i = 0; i < 50; i++) {
            writer.send(userId, event);
        }
        writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 2, "After them"));

        JsonObject view = Ops.awaitUserView("the event after the fifty copies", userId, v -> v.getInt("version") == 2);
        assertEquals("After them", view.getString("displayName"));
        assertEquals(2, view.getJsonNumber("consumedEvents").longValue(), "one inbox row per distinct event");
        // counted once the transaction that saw them has committed, which may be just after the view shows it
        Poll.until("49 copies counted as duplicates", Duration.ofSeconds(30),
                () -> Ops.consumerCounter("duplicates") - duplicatesBefore >= 49);
    }

    @Test
    void anOlderVersionAfterANewerOneIsIgnored() {
        String userId = UUID.randomUUID().toString();
        writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 3, "Version three"));
        writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 2, "Version two"));

        JsonObject view = Ops.awaitUserView("both events consumed", userId,
                v -> v.getJsonNumber("consumedEvents").longValue() == 2);
        assertEquals(3, view.getInt("version"));
        assertEquals("Version three", view.getString("displayName"));
    }

    @Test
    void aLateUpdateCannotResurrectADeletedUser() {
        String userId = UUID.randomUUID().toString();
        writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 1, "Here"));
        writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserDeleted", userId, 3, null));
        writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 2, "Late"));

        JsonObject view = Ops.awaitUserView("all three consumed", userId,
                v -> v.getJsonNumber("consumedEvents").longValue() == 3);
        assertTrue(view.getBoolean("deleted"), view.toString());
        assertEquals(3, view.getInt("version"));
    }
}
