package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Json;
import io.playball.it.support.Ledger;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Outbox;
import io.playball.it.support.Poll;
import io.playball.it.support.SecondServer;
import io.playball.it.support.UserEventsTopic;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Two Liberty servers with the same EAR on one PostgreSQL database and one broker: writes through both at once, both
 * relays sweeping one outbox table, both consumers sharing the six partitions in one consumer group. Then the second
 * server is frozen (SIGSTOP) while it holds claims on rows it wrote, and killed: the survivor takes the writes, the
 * dead server's partitions and, after their lease and not before, every row it had claimed; no row is on the topic
 * twice with both copies sent while both servers were alive, and the ledger holds.
 */
@MicroShedTest
@OnEachDatabase
class TwoServersFaultIT {

    @BeforeAll
    static void onlyOnPostgresql() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "two servers need a database both can open (embedded Derby belongs to one JVM)");
        Api.awaitReady();
    }

    /**
     * The second server. Its producer lingers: each row it writes stays claimed for two seconds before it is sent,
     * so that whenever it is frozen it holds live claims.
     */
    @BeforeEach
    void startSecondServer() {
        SecondServer.stopIfRunning();
        SecondServer.start(Map.of("MP_MESSAGING_OUTGOING_USER_EVENTS_OUT_LINGER_MS", "2000"));
    }

    @AfterAll
    static void stopSecondServer() {
        SecondServer.stopIfRunning();
    }

    @Test
    void aKilledServersPartitionsAndClaimsAreTakenOverAfterTheLeaseAndNothingIsLostOrSentTwice() throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register("two-servers", "Two servers " + i));
        }
        Ops.token();
        List<User> viaSecond = users.subList(10, 20);
        Map<String, Instant> claimed;
        Instant frozen;
        Instant killed;
        try (UserEventsTopic topic = new UserEventsTopic()) {
            ChangeLoad load = new ChangeLoad(users,
                    u -> viaSecond.contains(u) ? SecondServer.baseUrl() : Api.baseUrl());
            load.start(50);
            try {
                Poll.until("both servers taking writes and applying events", Duration.ofSeconds(90),
                        () -> viaSecond.stream().anyMatch(u -> load.acknowledged(u.id()) > 0) && appliedBySecond() > 0);
                String owner = SecondServer.pid() + "@";
                Poll.until("the second server to hold claims", Duration.ofSeconds(90),
                        () -> Outbox.claimsOf(owner).size() >= 5);
                SecondServer.freeze();
                frozen = Instant.now();
                claimed = Outbox.claimsOf(owner);
                assertFalse(claimed.isEmpty(), "claims held by the frozen server");
                SecondServer.kill();
                killed = Instant.now();
                // its users' changes after the kill fail: not acknowledged, and the ledger counts what committed
                load.awaitMoreAcknowledged("writes through the surviving server", 50, Duration.ofSeconds(90));
                Poll.until("the survivor to send every row the dead server had claimed", Duration.ofSeconds(120),
                        () -> Outbox.claimsOf(owner).isEmpty() && Outbox.pendingAmong(claimed.keySet()).isEmpty());
                Instant latestLease = claimed.values().stream().max(Instant::compareTo).orElseThrow();
                assertTrue(Duration.between(latestLease, Instant.now()).compareTo(Duration.ofSeconds(30)) < 0,
                        "taken over soon after the lease ran out (" + latestLease + ")");
            } finally {
                load.stop();
            }
            List<ConsumerRecord<String, String>> records = topic.awaitRecords("every claimed row on the topic",
                    Duration.ofSeconds(60), all -> all.stream().map(r -> UserEventsTopic.body(r).getString("eventId"))
                            .collect(Collectors.toSet()).containsAll(claimed.keySet()));
            Map<String, List<ConsumerRecord<String, String>>> byEvent = records.stream()
                    .collect(Collectors.groupingBy(r -> UserEventsTopic.body(r).getString("eventId")));
            for (String eventId : claimed.keySet()) {
                Instant leaseEnd = claimed.get(eventId).minusSeconds(1);  // a second for the two clocks' reading
                List<Instant> sent = byEvent.get(eventId).stream().map(r -> Instant.ofEpochMilli(r.timestamp()))
                        .sorted().toList();
                assertTrue(sent.stream().noneMatch(t -> t.isAfter(frozen) && t.isBefore(leaseEnd)),
                        "event " + eventId + " sent by the survivor before its claim ran out: " + sent);
                assertTrue(!sent.get(sent.size() - 1).isBefore(leaseEnd),
                        "event " + eventId + " sent by the survivor once its claim had run out: " + sent);
            }
            byEvent.forEach((eventId, copies) -> {
                if (copies.size() > 1) {
                    List<Instant> sent = copies.stream().map(r -> Instant.ofEpochMilli(r.timestamp())).sorted()
                            .toList();
                    assertTrue(!sent.get(1).isBefore(killed.minusSeconds(1)),
                            "event " + eventId + " sent twice while both servers were alive: " + sent);
                }
            });
            Ledger.assertBalanced(load, Duration.ofSeconds(120));
        }
    }

    /** Events the second server's consumer has applied (so it had partitions of its own). */
    private static long appliedBySecond() {
        JsonObject health = Json.parse(Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null,
                Map.of()).body());
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("user-events-consumer"))
                .findFirst().orElseThrow().getJsonObject("data").getJsonNumber("applied").longValue();
    }
}
