package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.GroupEventsTopic;
import io.playball.it.support.Groups;
import io.playball.it.support.Metrics;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Poll;
import io.playball.it.support.SecondServer;
import io.playball.it.support.UserEventsTopic;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * A server can run with its relays off (sending kept off, say, the web tier): it still appends its changes' events,
 * and the relays of the other servers on its database send them, in order per key.
 */
@MicroShedTest
@OnEachDatabase
class RelayPlacementIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SENT = "playball_outbox_events_sent_total";
    private static final List<String> PATHS = List.of("fast", "sweep", "repair");

    @BeforeAll
    static void secondServerWithItsRelaysOff() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "two servers need a database both can open (embedded Derby belongs to one JVM)");
        SecondServer.stopIfRunning();
        SecondServer.start(Map.of("PLAYBALL_OUTBOX_RELAY_ENABLED", "false"));
    }

    @AfterAll
    static void stopSecondServer() {
        SecondServer.stopIfRunning();
    }

    @Test
    void whatAServerWithItsRelayOffAppendsTheOtherServersSweepSends() throws Exception {
        String second = SecondServer.baseUrl();
        Metrics firstBefore = Metrics.scrape();
        try (UserEventsTopic users = new UserEventsTopic(); UserEventsTopic groups = GroupEventsTopic.open()) {
            User user = Accounts.registerAt(second, "placed", "Placed once");
            assertEquals(200, Accounts.rename(second, user, "Placed twice", 1).statusCode());
            assertEquals(200, Accounts.rename(second, user, "Placed thrice", 2).statusCode());
            String groupId = Groups.createAt(second, user.token(), "Placed group");

            List<ConsumerRecord<String, String>> userRecords = users.awaitForUsers(Set.of(user.id()), 3, DEADLINE);
            assertEquals(List.of(1L, 2L, 3L), userRecords.stream()
                            .map(r -> UserEventsTopic.body(r).getJsonNumber("userVersion").longValue()).toList(),
                    "each change sent once, in order");
            assertEquals(Set.of("GroupCreated", "MemberJoined"), groups.awaitForUsers(Set.of(groupId), 2, DEADLINE)
                    .stream().map(r -> UserEventsTopic.body(r).getString("type")).collect(Collectors.toSet()),
                    "the group's creation sent: its two events");
        }

        Metrics secondAfter = Metrics.scrapeAt(second);
        for (String channel : List.of("user-events-out", "group-events-out")) {
            for (String path : PATHS) {
                assertEquals(0, secondAfter.valueOrZero(SENT, "channel", channel, "path", path),
                        "the server whose relay is off sent nothing on " + channel + " (" + path + ")");
            }
        }
        // rows written unclaimed by the second server go out on the first server's sweep, not its fast path
        Poll.until("the first server's sweep counted the sends", DEADLINE, Metrics::scrape,
                m -> m.delta(firstBefore, SENT, "channel", "user-events-out", "path", "sweep") >= 3
                        && m.delta(firstBefore, SENT, "channel", "group-events-out", "path", "sweep") >= 2);
        String log = Files.readString(SecondServer.messagesLog());
        assertTrue(log.contains("relay is off"), "the second server says its relays are off");
    }
}
