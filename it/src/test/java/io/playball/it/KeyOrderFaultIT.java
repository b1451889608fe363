package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.GroupEventsTopic;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.SecondServer;
import io.playball.it.support.UserEventsTopic;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Order per key through a broker fault. A change whose send fails waits out its backoff, and the changes of its key
 * written meanwhile wait behind it: each group's and each user's events reach the topic in the order they were
 * written, whether the broker died (SIGKILL) or froze (SIGSTOP). So a consumer that drops an event whose version is
 * not above the last it applied, as the contracts tell it to, misses none: the first copy of each version comes in
 * version order (a later copy of one may follow, at least once).
 */
@MicroShedTest
@OnEachDatabase
class KeyOrderFaultIT {

    private static final Duration STEP = Duration.ofSeconds(90);

    @BeforeAll
    static void ready() {
        Api.awaitReady();
        Ops.token();
    }

    @AfterEach
    void brokerIsBack() {
        if (Broker.isRunning()) {
            Broker.thaw();  // whatever a failure left frozen
        }
        Broker.ensureRunning();
        Api.awaitReady();
    }

    @Test
    void eachKeysEventsKeepTheirOrderWhenTheBrokerDies() {
        changesAcrossAFault(Broker::kill, Broker::start);
    }

    @Test
    void eachKeysEventsKeepTheirOrderWhenTheBrokerFreezes() {
        Assumptions.assumeFalse("postgresql".equals(System.getProperty("playball.db.kind")),
                "the database sees the same statements as when the broker dies: the frozen broker runs on Derby");
        changesAcrossAFault(Broker::freeze, Broker::thaw);
    }

    /**
     * Two servers on one database take turns changing one group and one user while the broker is dead: each server's
     * row of a key waits behind the other's older row, whichever relay claims it.
     */
    @Test
    void eachKeysEventsKeepTheirOrderWhenTwoServersTakeTurnsAcrossADeadBroker() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "two servers need a database both can open (embedded Derby belongs to one JVM)");
        SecondServer.stopIfRunning();
        SecondServer.start();
        String first = Api.baseUrl();
        String second = SecondServer.baseUrl();
        try (UserEventsTopic groupEvents = GroupEventsTopic.open(); UserEventsTopic userEvents = new UserEventsTopic()) {
            User ada = Accounts.register("turns-admin", "Ada");
            String groupId = Groups.create(ada.token(), "Taking turns");  // version 1
            groupEvents.awaitRecords("the group's creation on the topic", STEP, all -> versions(all, groupId)
                    .contains(1L));
            userEvents.awaitRecords("Ada's registration on the topic", STEP, all -> versions(all, ada.id())
                    .contains(1L));
            Broker.kill();
            try {
                renameAt(first, ada, groupId, "First's turn");  // version 2
                assertEquals(200, Accounts.rename(first, ada, "Ada, first", 1).statusCode());  // version 2
                Poll.until("both sends failed, the rows waiting out a backoff", STEP, () ->
                        failed("/groups/api/admin/outbox", r -> groupId.equals(r.getString("key")))
                                && failed("/auth/api/admin/outbox", r -> ada.id().equals(r.getString("key"))));
                renameAt(second, ada, groupId, "Second's turn");  // version 3
                assertEquals(200, Accounts.rename(second, ada, "Ada, second", 2).statusCode());  // version 3
                renameAt(first, ada, groupId, "First again");  // version 4
                assertEquals(200, Accounts.rename(first, ada, "Ada, first again", 3).statusCode());  // version 4
                renameAt(second, ada, groupId, "Second again");  // version 5
                assertEquals(200, Accounts.rename(second, ada, "Ada, second again", 4).statusCode());  // version 5
            } finally {
                Broker.start();
            }
            List<Long> versions = List.of(1L, 2L, 3L, 4L, 5L);
            List<Long> group = versions(groupEvents.awaitRecords("the group's versions 1 to 5 on the topic", STEP,
                    all -> versions(all, groupId).containsAll(versions)), groupId);
            List<Long> user = versions(userEvents.awaitRecords("Ada's versions 1 to 5 on the topic", STEP,
                    all -> versions(all, ada.id()).containsAll(versions)), ada.id());
            assertEquals(versions, group.stream().distinct().toList(),
                    "the group's events, first copies, in the order of the topic: " + group);
            assertEquals(versions, user.stream().distinct().toList(),
                    "Ada's events, first copies, in the order of the topic: " + user);
        } finally {
            SecondServer.stopIfRunning();
        }
    }

    /**
     * A group and a user change once with the broker up; then, with it broken, they change again and wait until that
     * send has failed; then they change twice more, and the broker comes back while the failed row waits out its
     * backoff.
     */
    private static void changesAcrossAFault(Runnable fault, Runnable repair) {
        try (UserEventsTopic groupEvents = GroupEventsTopic.open(); UserEventsTopic userEvents = new UserEventsTopic()) {
            User ada = Accounts.register("order-admin", "Ada");
            User bob = Accounts.register("order-bob", "Bob");
            User cy = Accounts.register("order-cy", "Cy");
            String groupId = Groups.create(ada.token(), "In order");  // version 1
            groupEvents.awaitRecords("the group's creation on the topic", STEP, all -> versions(all, groupId)
                    .contains(1L));
            userEvents.awaitRecords("Ada's registration on the topic", STEP, all -> versions(all, ada.id())
                    .contains(1L));
            fault.run();
            try {
                Groups.addMember(ada.token(), groupId, bob.id(), "PARTICIPANT");  // version 2
                assertEquals(200, Accounts.rename(ada, "Ada L.", 1).statusCode());  // version 2
                Poll.until("both sends failed, the rows waiting out a backoff", STEP, () ->
                        failed("/groups/api/admin/outbox", r -> groupId.equals(r.getString("key")))
                                && failed("/auth/api/admin/outbox", r -> ada.id().equals(r.getString("key"))));
                rename(ada, groupId, "Still in order");  // version 3
                Groups.addMember(ada.token(), groupId, cy.id(), "PARTICIPANT");  // version 4
                assertEquals(200, Accounts.rename(ada, "Ada Lovelace", 2).statusCode());  // version 3
                assertEquals(200, Accounts.rename(ada, "Augusta Ada", 3).statusCode());  // version 4
            } finally {
                repair.run();
            }
            List<Long> group = versions(groupEvents.awaitRecords("the group's versions 1 to 4 on the topic", STEP,
                    all -> versions(all, groupId).containsAll(List.of(1L, 2L, 3L, 4L))), groupId);
            List<Long> user = versions(userEvents.awaitRecords("Ada's versions 1 to 4 on the topic", STEP,
                    all -> versions(all, ada.id()).containsAll(List.of(1L, 2L, 3L, 4L))), ada.id());
            assertEquals(List.of(1L, 2L, 3L, 4L), group.stream().distinct().toList(),
                    "the group's events, first copies, in the order of the topic: " + group);
            assertEquals(List.of(1L, 2L, 3L, 4L), user.stream().distinct().toList(),
                    "Ada's events, first copies, in the order of the topic: " + user);
        }
    }

    /** The versions the key's records carry, in the order of the topic (one key is one partition). */
    private static List<Long> versions(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).map(UserEventsTopic::body)
                .map(b -> b.containsKey("groupVersion") ? b.getJsonNumber("groupVersion").longValue()
                        : b.getJsonNumber("userVersion").longValue())
                .toList();
    }

    /** Whether the outbox behind {@code path} holds a row of the key that has failed at least once. */
    private static boolean failed(String path, Predicate<JsonObject> ofTheKey) {
        return Json.parseArray(Api.get(path, Ops.token()).body()).stream()
                .anyMatch(r -> ofTheKey.test(r) && r.getInt("attempts") > 0);
    }

    private static void rename(User admin, String groupId, String name) {
        renameAt(Api.baseUrl(), admin, groupId, name);
    }

    private static void renameAt(String base, User admin, String groupId, String name) {
        long version = Json.parse(Groups.get(admin.token(), groupId).body()).getJsonNumber("version").longValue();
        assertEquals(200, Api.sendTo(base, "PUT", "/groups/api/groups/" + groupId, admin.token(), "application/json",
                Json.object(Map.of("name", name, "version", version)), Map.of()).statusCode());
    }
}
