package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Outbox;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Neither table grows without bound: sent outbox rows are deleted, and inbox rows past the retention are purged
 * (here with a retention of zero, through the operator's endpoint that runs the scheduled purge now). An old event
 * delivered again after its inbox row is gone changes nothing.
 */
@MicroShedTest
@OnEachDatabase
class RetentionIT {

    @Test
    void purgedInboxRowsAreGoneAndAnOldEventAfterwardsChangesNothing() {
        Api.awaitReady();
        String userId = UUID.randomUUID().toString();
        String first = TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 1, "First");
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(userId, first);
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserUpdated", userId, 2, "Latest"));
            Ops.awaitUserView("both events applied", userId, v -> v.getJsonNumber("consumedEvents").longValue() == 2);

            HttpResponse<String> purge = Api.send("POST", "/groups/api/admin/inbox/purge?olderThan=PT0S", Ops.token(),
                    null, null, Map.of());
            assertEquals(200, purge.statusCode(), purge.body());
            assertTrue(Json.parse(purge.body()).getJsonNumber("purged").longValue() >= 2, purge.body());
            assertEquals(0, Json.parse(Ops.userView(userId).body()).getJsonNumber("consumedEvents").longValue());

            writer.send(userId, first);  // redelivered long after: no inbox row remembers it
            JsonObject view = Ops.awaitUserView("the old event consumed again", userId,
                    v -> v.getJsonNumber("consumedEvents").longValue() == 1);
            assertEquals(2, view.getInt("version"));
            assertEquals("Latest", view.getString("displayName"));
        }
    }

    @Test
    void onlyOperatorsMayPurge() {
        Api.awaitReady();
        String token = io.playball.it.support.Accounts.register("not-ops", "Not an operator").token();
        BadInputIT.assertProblem(Api.send("POST", "/groups/api/admin/inbox/purge", token, null, null, Map.of()), 403);
    }

    @Test
    void sentOutboxRowsDoNotAccumulate() {
        Api.awaitReady();
        io.playball.it.support.Accounts.register("outbox-retention", "Outbox");
        Poll.until("the outbox to be empty once everything is sent", Duration.ofSeconds(60),
                () -> Outbox.pending() == 0);
    }
}
