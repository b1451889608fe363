package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.Json;
import io.playball.it.support.Metrics;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import io.playball.it.support.UserEventsTopic;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Each figure on /metrics moves by what a scenario must make it move. The counters are the server's, and events of
 * other tests (a late redelivery, a sweep) may move them too, so each is read as "grew by at least this test's share",
 * and the exact outcome is checked on what only this test touches: its own user's records, inbox rows and outbox rows.
 */
@MicroShedTest
class MetricsIT {

    private static final String SENT = "playball_outbox_events_sent_total";
    /** Each outbox's metrics carry its channel: auth's is user-events-out. */
    private static final String CHANNEL = "channel";
    private static final String AUTH = "user-events-out";
    private static final String EVENTS = "playball_consumer_events_total";
    private static final String LAG = "playball_event_lag_seconds";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @BeforeAll
    static void ready() {
        Api.awaitReady();
        Ops.token();
    }

    @AfterAll
    static void brokerIsBack() {
        Broker.ensureRunning();
    }

    @Test
    void aRegistrationAndARenameAreSentOnTheFastPathAppliedAndTimed() {
        Metrics before = Metrics.scrape();
        try (UserEventsTopic topic = new UserEventsTopic()) {
            Accounts.User user = Accounts.register("metrics", "Counted");
            assertEquals(200, Accounts.rename(user, "Counted twice", 1).statusCode());
            JsonObject view = Ops.awaitUserView("the rename applied", user.id(), v -> v.getInt("version") == 2);
            assertEquals(2, view.getJsonNumber("consumedEvents").longValue(), "two events applied, once each");
            List<ConsumerRecord<String, String>> records = topic.awaitForUsers(Set.of(user.id()), 2, DEADLINE);
            assertEquals(2, records.size(), "each event sent once");
        }

        Metrics after = Poll.until("the sends, applies and lags counted", DEADLINE, Metrics::scrape,
                m -> m.delta(before, SENT, CHANNEL, AUTH, "path", "fast") >= 2
                        && m.delta(before, EVENTS, "outcome", "applied") >= 2
                        && m.delta(before, LAG + "_count") >= 2);
        double meanLag = after.delta(before, LAG + "_sum") / after.delta(before, LAG + "_count");
        assertTrue(meanLag > 0 && meanLag < 30, "commit-to-applied lag in seconds, positive and plausible: " + meanLag);
        assertTrue(after.value(LAG + "_max") > 0, "the largest lag is recorded");
    }

    @Test
    void duplicatesStaleVersionsAndUnreadableRecordsAreCountedApart() {
        String userId = UUID.randomUUID().toString();
        String first = TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 2, "Second version first");
        Metrics before = Metrics.scrape();
        try (UserEventsTopic dlq = new UserEventsTopic("user-events.dlq"); TopicWriter writer = new TopicWriter()) {
            writer.send(userId, first);
            writer.send(userId, first);                      // the same event again
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 1, "Older"));  // stale
            writer.send(userId, "{ this is not an event");   // parked
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 3, "Last"));

            JsonObject view = Ops.awaitUserView("the last event applied", userId, v -> v.getInt("version") == 3);
            assertEquals(3, view.getJsonNumber("consumedEvents").longValue(),
                    "three distinct events consumed (the stale one recorded, not applied), the copy not again");
            List<ConsumerRecord<String, String>> parked = dlq.awaitForUsers(Set.of(userId), 1, DEADLINE);
            assertEquals(1, parked.size(), "the unreadable record parked once");
        }

        Poll.until("each outcome counted", DEADLINE, Metrics::scrape,
                m -> m.delta(before, EVENTS, "outcome", "applied") >= 2
                        && m.delta(before, EVENTS, "outcome", "duplicate") >= 1
                        && m.delta(before, EVENTS, "outcome", "stale") >= 1
                        && m.delta(before, "playball_consumer_records_parked_total") >= 1
                        && m.delta(before, LAG + "_count") >= 2);
    }

    @Test
    void anOutageShowsAsBacklogAndFailuresAndIsSentByTheSweepAfterwards() {
        Metrics before = Metrics.scrape();
        String userId;
        try (UserEventsTopic topic = new UserEventsTopic()) {
            Broker.stop();
            try {
                HttpResponse<String> created = Accounts.tryRegister(Accounts.uniqueUsername("metrics-outage"), "Waiting");
                assertEquals(201, created.statusCode(), created.body());
                userId = Json.parse(created.body()).getString("id");
                JsonObject row = Poll.until("the failed send recorded on the outbox row", Duration.ofSeconds(90),
                        () -> pendingRowOf(userId), r -> r != null && r.getInt("attempts") >= 1);
                assertFalse(row.isNull("lastError"), "the row says why it waits: " + row);
                Metrics waiting = Poll.until("the failure and the backlog counted", DEADLINE, Metrics::scrape,
                        m -> m.delta(before, "playball_outbox_send_failures_total", CHANNEL, AUTH) >= 1
                                && m.value("playball_outbox_pending_rows", CHANNEL, AUTH) >= 1);
                assertTrue(waiting.value("playball_outbox_oldest_age_seconds", CHANNEL, AUTH) > 1,
                        "it has waited since before the failure: "
                                + waiting.value("playball_outbox_oldest_age_seconds", CHANNEL, AUTH));
            } finally {
                Broker.start();
            }
            Ops.awaitUserView("the event applied after the outage", userId, v -> v.getInt("version") == 1);
            assertEquals(1, topic.awaitForUsers(Set.of(userId), 1, DEADLINE).size(), "sent once");
        }
        Poll.until("the row gone from the outbox", DEADLINE, () -> pendingRowOf(userId) == null);
        Poll.until("the send counted on the sweep's path", DEADLINE, Metrics::scrape,
                m -> m.delta(before, SENT, CHANNEL, AUTH, "path", "sweep") >= 1);
    }

    /** This user's row in the operator's list of pending outbox rows, or null. */
    private static JsonObject pendingRowOf(String userId) {
        HttpResponse<String> pending = Api.get("/auth/api/admin/outbox?limit=1000", Ops.token());
        assertEquals(200, pending.statusCode(), pending.body());
        return Json.parseArray(pending.body()).stream()
                .filter(r -> userId.equals(r.getString("key")))
                .findFirst().orElse(null);
    }
}
