package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.Json;
import io.playball.it.support.Metrics;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Each figure on /metrics moves by what a scenario must make it move. The tests of this suite run one at a time and
 * wait for their events to be consumed, so between two scrapes only this test's events count.
 */
@MicroShedTest
class MetricsIT {

    private static final String SENT = "playball_outbox_events_sent_total";
    private static final String EVENTS = "playball_consumer_events_total";
    private static final String LAG = "playball_event_lag_seconds";

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
        Accounts.User user = Accounts.register("metrics", "Counted");
        assertEquals(200, Accounts.rename(user, "Counted twice", 1).statusCode());
        Ops.awaitUserView("the rename applied", user.id(), v -> v.getInt("version") == 2);

        Metrics after = Poll.until("both sends counted", Duration.ofSeconds(10), Metrics::scrape,
                m -> m.delta(before, SENT, "path", "fast") >= 2);
        assertEquals(2, after.delta(before, SENT, "path", "fast"), "two events, each sent once on the fast path");
        assertEquals(0, after.delta(before, SENT, "path", "sweep"));
        assertEquals(0, after.delta(before, "playball_outbox_send_failures_total"));
        assertEquals(2, after.delta(before, EVENTS, "outcome", "applied"));
        assertEquals(0, after.delta(before, EVENTS, "outcome", "duplicate"));
        assertEquals(2, after.delta(before, LAG + "_count"), "one lag sample per applied event");
        double lagSum = after.delta(before, LAG + "_sum");
        assertTrue(lagSum > 0 && lagSum < 30, "commit-to-applied lag in seconds, positive and plausible: " + lagSum);
        assertTrue(after.value(LAG + "_max") > 0, "the largest lag is recorded");
        assertEquals(0, after.delta(before, "playball_outbox_pending_rows"), "nothing of this test left in the outbox");
    }

    @Test
    void duplicatesStaleVersionsAndUnreadableRecordsAreCountedApart() {
        String userId = UUID.randomUUID().toString();
        String first = TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 2, "Second version first");
        Metrics before = Metrics.scrape();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(userId, first);
            writer.send(userId, first);                      // the same event again
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 1, "Older"));  // stale
            writer.send(userId, "{ this is not an event");   // parked
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 3, "Last"));
        }
        Ops.awaitUserView("the last event applied", userId, v -> v.getInt("version") == 3);

        Metrics after = Metrics.scrape();
        assertEquals(2, after.delta(before, EVENTS, "outcome", "applied"));
        assertEquals(1, after.delta(before, EVENTS, "outcome", "duplicate"));
        assertEquals(1, after.delta(before, EVENTS, "outcome", "stale"));
        assertEquals(1, after.delta(before, "playball_consumer_records_parked_total"));
        assertEquals(2, after.delta(before, LAG + "_count"), "only applied events are timed");
    }

    @Test
    void anOutageShowsAsBacklogAndFailuresAndIsSentByTheSweepAfterwards() {
        Metrics before = Metrics.scrape();
        String userId;
        Broker.stop();
        try {
            HttpResponse<String> created = Accounts.tryRegister(Accounts.uniqueUsername("metrics-outage"), "Waiting");
            assertEquals(201, created.statusCode(), created.body());
            userId = Json.parse(created.body()).getString("id");
            Metrics waiting = Poll.until("the failed send to be counted", Duration.ofSeconds(90), Metrics::scrape,
                    m -> m.delta(before, "playball_outbox_send_failures_total") >= 1);
            assertEquals(1, waiting.delta(before, "playball_outbox_pending_rows"), "the event waits in the outbox");
            assertTrue(waiting.value("playball_outbox_oldest_age_seconds") > 1,
                    "it has waited since before the failure: " + waiting.value("playball_outbox_oldest_age_seconds"));
        } finally {
            Broker.start();
        }
        Ops.awaitUserView("the event applied after the outage", userId, v -> v.getInt("version") == 1);
        Metrics after = Poll.until("the outbox to drain", Duration.ofSeconds(60), Metrics::scrape,
                m -> m.delta(before, "playball_outbox_pending_rows") == 0);
        assertEquals(1, after.delta(before, SENT, "path", "sweep"), "sent once, by the sweep");
        assertEquals(0, after.delta(before, SENT, "path", "fast"));
    }
}
