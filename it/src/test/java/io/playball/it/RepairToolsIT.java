package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.TopicWriter;
import io.playball.it.support.UserEventsTopic;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** The operator's repair tools: parked records, stuck outbox rows, a damaged user view. Admins only. */
@MicroShedTest
@OnEachDatabase
class RepairToolsIT {

    private static final String PARKED = "/groups/api/admin/parked";
    private static final String OUTBOX = "/auth/api/admin/outbox";
    private static final String APPLIED = "/groups/api/admin/applied-events";

    @BeforeAll
    static void ready() {
        Api.awaitReady();
        Ops.token();
    }

    @Test
    void concurrentResubmissionsOfOneRecordAllSucceedAndApplyItOnce() throws Exception {
        String userId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        parkByHand(userId, eventId, "Resubmitted at once", "resubmitted concurrently", 1, 4242);
        String id = awaitParked("the record on the parked list", r -> eventId.equals(r.getString("eventId", null)))
                .getString("id");
        String token = Ops.token();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> Api.send("POST", PARKED + "/" + id + "/resubmit", token, null, null,
                        Map.of())));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get(60, TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r.body());
            }
        } finally {
            clients.shutdownNow();
        }
        Ops.awaitUserView("the resubmitted event applied", userId, v -> v.getInt("version") == 1);
        assertEquals(1, Json.parse(Ops.userView(userId).body()).getJsonNumber("consumedEvents").longValue(),
                "applied once, however many copies went back");
    }

    @Test
    void aRecordParkedBeforeAFixIsListedWithItsReasonAndAppliedOnceResubmitted() {
        // As an older consumer would have parked a record it could not read then, and can now.
        String userId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        parkByHand(userId, eventId, "Parked once", "unknown field (before the fix)", 0, 42);
        JsonObject parked = awaitParked("the record on the parked list", r -> eventId.equals(r.getString("eventId", null)));
        assertEquals("unknown field (before the fix)", parked.getString("reason"));
        assertEquals("user-events-0@42", parked.getString("origin"));
        assertEquals(userId, parked.getString("key"));
        assertTrue(absent(parked, "resubmittedAt"), parked.toString());
        String id = parked.getString("id");
        assertEquals(eventId, Json.parse(Api.get(PARKED + "/" + id, Ops.token()).body()).getString("eventId"));

        HttpResponse<String> resubmitted = Api.send("POST", PARKED + "/" + id + "/resubmit", Ops.token(), null, null,
                Map.of());
        assertEquals(200, resubmitted.statusCode(), resubmitted.body());
        assertFalse(absent(Json.parse(resubmitted.body()), "resubmittedAt"));

        JsonObject view = Ops.awaitUserView("the resubmitted event applied", userId, v -> v.getInt("version") == 1);
        assertEquals("Parked once", view.getString("displayName"));
        JsonObject listed = awaitParked("the record marked as resubmitted", r -> id.equals(r.getString("id")));
        assertFalse(absent(listed, "resubmittedAt"), listed.toString());

        // sent back a second time, it is a duplicate: still one inbox row
        long duplicates = Ops.consumerCounter("duplicates");
        assertEquals(200, Api.send("POST", PARKED + "/" + id + "/resubmit", Ops.token(), null, null, Map.of())
                .statusCode());
        Poll.until("the second copy consumed as a duplicate", Duration.ofSeconds(30),
                () -> Ops.consumerCounter("duplicates") >= duplicates + 1);
        assertEquals(1, Json.parse(Ops.userView(userId).body()).getJsonNumber("consumedEvents").longValue());
    }

    /**
     * Only auth's outbox writes user-events: a parked record sent back reaches groups' view, and the topic's other
     * consumers never read it as if auth had published it.
     */
    @Test
    void aResubmittedRecordIsAppliedWithoutBeingWrittenToUserEvents() {
        String userId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        parkByHand(userId, eventId, "Never on the topic", "parked for the test", 0, 4343);
        String id = awaitParked("the record on the parked list", r -> eventId.equals(r.getString("eventId", null)))
                .getString("id");
        try (UserEventsTopic userEvents = new UserEventsTopic()) {
            HttpResponse<String> resubmitted = Api.send("POST", PARKED + "/" + id + "/resubmit", Ops.token(), null,
                    null, Map.of());
            assertEquals(200, resubmitted.statusCode(), resubmitted.body());
            Ops.awaitUserView("the resubmitted event applied", userId, v -> v.getInt("version") == 1);

            List<String> written = userEvents.readToEnd(Duration.ofSeconds(30)).stream()
                    .filter(r -> userId.equals(r.key())).map(r -> r.partition() + "@" + r.offset()).toList();
            assertEquals(List.of(), written, "records of the resubmitted user on user-events");
        }
    }

    @Test
    void resubmittingAllSendsBackTheParkedRecordsAndAnUnreadableOneIsParkedAgain() {
        String userId = UUID.randomUUID().toString();
        String garbage = "{\"not\": \"an event\", \"marker\": \"" + UUID.randomUUID() + "\"}";
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(userId, garbage);
        }
        JsonObject parked = awaitParked("the unreadable record parked by the consumer",
                r -> garbage.equals(r.getString("value")) && absent(r, "resubmittedFrom"));
        assertFalse(parked.getString("reason").isBlank());

        HttpResponse<String> all = Api.send("POST", PARKED + "/resubmit", Ops.token(), null, null, Map.of());
        assertEquals(200, all.statusCode(), all.body());
        Set<String> sentBack = Json.parseArray(all.body()).stream().map(r -> r.getString("id")).collect(Collectors.toSet());
        assertTrue(sentBack.contains(parked.getString("id")), "the new parked record was sent back: " + all.body());

        JsonObject again = awaitParked("the record parked again, pointing at the first",
                r -> parked.getString("id").equals(r.getString("resubmittedFrom", null)));
        assertEquals(garbage, again.getString("value"));
        assertEquals(parked.getString("reason"), again.getString("reason"));

        // every record sent back that cannot be read is parked again before this test ends (the consumer has handled
        // them). Not one the database refused: resubmitted after a later version of its user, it is stale, not parked
        Set<String> unreadable = parkedList().stream()
                .filter(r -> sentBack.contains(r.getString("id")) && !r.getString("id").equals(parked.getString("id")))
                .filter(r -> !r.getString("reason").startsWith("the database refuses")
                        && !r.getString("reason").startsWith("failed "))
                .map(r -> r.getString("id")).collect(Collectors.toSet());
        Poll.until("every resubmitted record that cannot be read parked again", Duration.ofSeconds(60),
                () -> parkedList().stream().map(r -> r.getString("resubmittedFrom", null)).collect(Collectors.toSet())
                        .containsAll(unreadable));
        JsonObject first = awaitParked("the first parked record", r -> parked.getString("id").equals(r.getString("id")));
        assertFalse(absent(first, "resubmittedAt"), "marked, so that 'all' does not send it back twice: " + first);
    }

    /** With the relay held, a row waits unclaimed; an operator lists it and sends that one row on request. */
    @Test
    void aWaitingOutboxRowIsListedAndSentOnRequest() {
        assertEquals(204, Api.send("POST", OUTBOX + "/hold", Ops.token(), null, null, Map.of()).statusCode());
        String userId;
        String eventId;
        try {
            HttpResponse<String> created = Api.send("POST", "/auth/api/users", null, "application/json",
                    Json.object(Map.of("username", Accounts.uniqueUsername("stuck"), "displayName", "Stuck",
                            "password", Accounts.PASSWORD)), Map.of());
            assertEquals(201, created.statusCode(), created.body());
            userId = Json.parse(created.body()).getString("id");

            JsonObject row = outboxRows().stream().filter(r -> userId.equals(r.getString("key"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the waiting row is not listed"));
            assertEquals("UserRegistered", row.getString("type"));
            assertEquals(1, row.getInt("version"));
            assertEquals(0, row.getInt("attempts"));
            assertTrue(absent(row, "lastError"));
            assertNotNull(row.getString("nextAttemptAt"));
            eventId = row.getString("eventId");

            HttpResponse<String> send = Api.send("POST", OUTBOX + "/" + eventId + "/send", Ops.token(), null, null,
                    Map.of());
            assertEquals(202, send.statusCode(), send.body());
            Ops.awaitUserView("the event sent on request applied", userId, v -> v.getInt("version") == 1);
            Poll.until("the row gone from the outbox", Duration.ofSeconds(30),
                    () -> outboxRows().stream().noneMatch(r -> eventId.equals(r.getString("eventId"))));
        } finally {
            assertEquals(204, Api.send("DELETE", OUTBOX + "/hold", Ops.token(), null, null, Map.of()).statusCode());
        }

        HttpResponse<String> again = Api.send("POST", OUTBOX + "/" + eventId + "/send", Ops.token(), null, null, Map.of());
        assertEquals(404, again.statusCode(), again.body());
        assertEquals("application/problem+json", again.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void aHeldRelaySendsNothingUntilReleasedThenDrains() {
        HttpResponse<String> hold = Api.send("POST", OUTBOX + "/hold", Ops.token(), null, null, Map.of());
        assertEquals(204, hold.statusCode(), hold.body());
        String userId;
        String eventId;
        try {
            HttpResponse<String> created = Api.send("POST", "/auth/api/users", null, "application/json",
                    Json.object(Map.of("username", Accounts.uniqueUsername("held"), "displayName", "Held",
                            "password", Accounts.PASSWORD)), Map.of());
            assertEquals(201, created.statusCode(), created.body());
            userId = Json.parse(created.body()).getString("id");
            JsonObject row = outboxRows().stream().filter(r -> userId.equals(r.getString("key"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the row written while held is not listed"));
            eventId = row.getString("eventId");
            assertTrue(absent(row, "claimedBy"), "not taken by the fast path: " + row);

            // two sweeps run while held, and the row is still there, unclaimed
            JsonObject state = Poll.until("two sweeps held back", Duration.ofSeconds(30), RepairToolsIT::holdState,
                    s -> s.getJsonNumber("sweepsHeldBack").longValue() >= 2);
            assertTrue(state.getBoolean("held"));
            assertTrue(state.getJsonNumber("pending").longValue() >= 1, state.toString());
            JsonObject still = outboxRows().stream().filter(r -> eventId.equals(r.getString("eventId"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the held row was sent"));
            assertTrue(absent(still, "claimedBy"), still.toString());
            assertEquals(0, still.getInt("attempts"));
        } finally {
            assertEquals(204, Api.send("DELETE", OUTBOX + "/hold", Ops.token(), null, null, Map.of()).statusCode());
        }
        assertFalse(holdState().getBoolean("held"));
        Ops.awaitUserView("the event written while held applied after release", userId,
                v -> v.getInt("version") == 1);
        Poll.until("the row gone from the outbox", Duration.ofSeconds(30),
                () -> outboxRows().stream().noneMatch(r -> eventId.equals(r.getString("eventId"))));
    }

    @Test
    void reEmittingAUserRepairsAViewThatWasDamaged() {
        Accounts.User user = Accounts.register("reemit", "The real name");
        Ops.awaitUserView("the registration applied", user.id(), v -> v.getInt("version") == 1);
        try (TopicWriter writer = new TopicWriter()) {  // someone damages the view, version and all
            writer.send(user.id(), TopicWriter.event(UUID.randomUUID(), "UserUpdated", user.id(), 5, "Vandalised"));
        }
        Ops.awaitUserView("the damage applied", user.id(), v -> v.getInt("version") == 5);

        HttpResponse<String> reemit = Api.send("POST", "/auth/api/admin/users/" + user.id() + "/reemit?aboveVersion=5",
                Ops.token(), null, null, Map.of());
        assertEquals(202, reemit.statusCode(), reemit.body());
        JsonObject event = Json.parse(reemit.body());
        assertEquals("UserUpdated", event.getString("type"));
        assertEquals(6, event.getInt("userVersion"));

        JsonObject view = Ops.awaitUserView("the view repaired", user.id(), v -> v.getInt("version") == 6);
        assertEquals("The real name", view.getString("displayName"));
        JsonObject account = Json.parse(Api.get("/auth/api/users/me", user.token()).body());
        assertEquals(6, account.getInt("version"), "the account moved to the version it re-emitted");

        assertEquals(404, Api.send("POST", "/auth/api/admin/users/" + UUID.randomUUID() + "/reemit", Ops.token(),
                null, null, Map.of()).statusCode());
        // a version so high that one more would overflow: refused before it reaches the account
        BadInputIT.assertProblem(Api.send("POST", "/auth/api/admin/users/" + user.id() + "/reemit?aboveVersion="
                + Long.MAX_VALUE, Ops.token(), null, null, Map.of()), 400);
        assertEquals(6, Json.parse(Api.get("/auth/api/users/me", user.token()).body()).getInt("version"));
    }

    @Test
    void aNegativeRetentionIsRefusedInsteadOfPurgingTheWholeInbox() {
        String userId = UUID.randomUUID().toString();
        try (TopicWriter writer = new TopicWriter()) {
            writer.send(userId, TopicWriter.event(UUID.randomUUID(), "UserRegistered", userId, 1, "Kept"));
        }
        Ops.awaitUserView("the event applied", userId, v -> v.getJsonNumber("consumedEvents").longValue() == 1);
        BadInputIT.assertProblem(Api.send("POST", "/groups/api/admin/inbox/purge?olderThan=-PT1H", Ops.token(), null,
                null, Map.of()), 400);
        assertEquals(1, Json.parse(Ops.userView(userId).body()).getJsonNumber("consumedEvents").longValue());
    }

    @Test
    void theAppliedEventsLogListsEachAppliedEventWithItsLag() {
        long newest = Json.parse(Api.get(APPLIED + "?limit=1", Ops.token()).body()).getJsonNumber("newest").longValue();
        Accounts.User user = Accounts.register("applied-log", "Logged");
        Ops.awaitUserView("the registration applied", user.id(), v -> v.getInt("version") == 1);

        JsonObject page = Json.parse(Api.get(APPLIED + "?after=" + newest, Ops.token()).body());
        List<JsonObject> mine = page.getJsonArray("events").getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("userId").equals(user.id())).toList();
        assertEquals(1, mine.size(), page.toString());
        JsonObject entry = mine.get(0);
        assertEquals(1, entry.getInt("userVersion"));
        assertTrue(entry.getJsonNumber("seq").longValue() > newest);
        Instant occurred = Instant.parse(entry.getString("occurredAt"));
        Instant applied = Instant.parse(entry.getString("appliedAt"));
        assertTrue(!applied.isBefore(occurred) && applied.isBefore(occurred.plusSeconds(60)),
                "applied after it occurred: " + entry);
        assertEquals(0, page.getJsonNumber("missed").longValue());
        assertTrue(page.getJsonNumber("next").longValue() >= entry.getJsonNumber("seq").longValue());
    }

    @Test
    void onlyAdminsMayUseThem() {
        String userToken = Accounts.register("not-admin", "Not an admin").token();
        List<String[]> endpoints = List.of(
                new String[] {"GET", PARKED},
                new String[] {"GET", PARKED + "/0-0"},
                new String[] {"POST", PARKED + "/0-0/resubmit"},
                new String[] {"POST", PARKED + "/resubmit"},
                new String[] {"GET", OUTBOX},
                new String[] {"POST", OUTBOX + "/" + UUID.randomUUID() + "/send"},
                new String[] {"GET", OUTBOX + "/hold"},
                new String[] {"POST", OUTBOX + "/hold"},
                new String[] {"DELETE", OUTBOX + "/hold"},
                new String[] {"POST", "/auth/api/admin/users/" + UUID.randomUUID() + "/reemit"},
                new String[] {"GET", APPLIED});
        for (String[] e : endpoints) {
            assertEquals(403, Api.send(e[0], e[1], userToken, null, null, Map.of()).statusCode(), "user: " + e[1]);
            assertEquals(401, Api.send(e[0], e[1], null, null, null, Map.of()).statusCode(), "anonymous: " + e[1]);
        }
    }

    /** A registration on the dead-letter topic, as the consumer parks one, with its reason and origin. */
    private static void parkByHand(String userId, String eventId, String displayName, String reason, int partition,
                                   long offset) {
        try (TopicWriter writer = new TopicWriter()) {
            writer.sendTo("user-events.dlq", userId,
                    TopicWriter.event(UUID.fromString(eventId), "UserRegistered", userId, 1, displayName),
                    Map.of("eventId", eventId, "type", "UserRegistered", "dlq-reason", reason,
                            "dlq-original-topic", "user-events", "dlq-original-partition", String.valueOf(partition),
                            "dlq-original-offset", String.valueOf(offset)));
        }
    }

    /** JSON-B leaves null fields out. */
    private static boolean absent(JsonObject o, String field) {
        return !o.containsKey(field) || o.isNull(field);
    }

    private static List<JsonObject> parkedList() {
        HttpResponse<String> r = Api.get(PARKED + "?limit=1000", Ops.token());
        assertEquals(200, r.statusCode(), r.body());
        return Json.parseArray(r.body());
    }

    private static JsonObject awaitParked(String what, java.util.function.Predicate<JsonObject> match) {
        return Poll.until(what, Duration.ofSeconds(30),
                () -> parkedList().stream().filter(match).reduce((a, b) -> b),
                Optional::isPresent).get();
    }

    private static JsonObject holdState() {
        HttpResponse<String> r = Api.get(OUTBOX + "/hold", Ops.token());
        assertEquals(200, r.statusCode(), r.body());
        return Json.parse(r.body());
    }

    private static List<JsonObject> outboxRows() {
        HttpResponse<String> r = Api.get(OUTBOX + "?limit=1000", Ops.token());
        assertEquals(200, r.statusCode(), r.body());
        return Json.parseArray(r.body());
    }
}
