package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.GroupChurn;
import io.playball.it.support.Json;
import io.playball.it.support.LibertyServer;
import io.playball.it.support.MemberTally;
import io.playball.it.support.MemberTallyConsumer;
import io.playball.it.support.Ops;
import io.playball.it.support.Outbox;
import io.playball.it.support.Poll;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The outbox library's inbox makes a consumer of {@code group-events} exactly-once effective. A consumer that
 * another team could write ({@link MemberTallyConsumer}: member counts per group in a database of its own, each poll
 * applied through {@code Inbox.applyOnce}) follows group activity while the broker is stopped and started, the server
 * is killed and started, the consumer itself goes back to where it began (every record delivered again), and copies
 * of records already consumed are written to the topic. Afterwards its count for every group equals what groups'
 * database holds, and it has met (and skipped) the duplicates.
 */
@MicroShedTest
class GroupEventsInboxIT {

    private static final Duration STEP = Duration.ofSeconds(120);

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @AfterAll
    static void everythingIsBack() {
        Broker.ensureRunning();
        if (!LibertyServer.isRunning()) {
            LibertyServer.start();
        }
    }

    @Test
    void aConsumerOnTheLibrarysInboxCountsEachMemberOnceThroughFaults() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(Accounts.register("tally", "Tally " + i));
        }
        Ops.token();
        try (MemberTallyConsumer tally = MemberTallyConsumer.fromTheEnd()) {
            Map<TopicPartition, Long> beginning = tally.committed();
            GroupChurn churn = new GroupChurn(Api.baseUrl(), users, 21L).start();
            int copies;
            long appliedBeforeTheRewind;
            try {
                tally.awaitApplied("group activity", 20, STEP);

                // The broker away: groups keep changing, their events wait in groups' outbox.
                Broker.stop();
                try {
                    Poll.until("group events waiting in the outbox while the broker is away", STEP,
                            () -> Outbox.pendingAt(Api.baseUrl(), "group-events-out") > 0);
                } finally {
                    Broker.start();
                }
                tally.awaitApplied("group events after the broker's return", tally.applied() + 20, STEP);

                // The server killed mid-activity; the consumer taken down and started again where it began, so that
                // every record it applied arrives a second time.
                LibertyServer.kill();
                tally.stop();
                appliedBeforeTheRewind = tally.applied();
                tally.startFrom(beginning);
                LibertyServer.start();
                tally.awaitApplied("group events after the restart", tally.applied() + 20, STEP);

                // A producer that replays: copies of a third of the records consumed so far.
                copies = tally.writeCopiesOfReceived(3);
            } finally {
                churn.stop();
            }
            System.out.println("Group churn answers " + churn.statuses() + ", unanswered " + churn.unanswered());
            System.out.println("Tally: " + tally.applied() + " applied, " + tally.duplicates() + " duplicates ("
                    + appliedBeforeTheRewind + " applied before the rewind, " + copies + " copies)");

            List<String> mismatches = Poll.until("the tally to match groups' database", STEP,
                    () -> mismatches(tally), List::isEmpty);
            assertEquals(List.of(), mismatches);
            assertEquals(List.of(), tally.failures());
            assertEquals(0, tally.unreadable());
            assertTrue(tally.tallies().size() >= 10, "groups seen: " + tally.tallies().size());
            assertTrue(tally.duplicates() >= appliedBeforeTheRewind + copies,
                    "what was applied before the rewind and the copies arrived again and were skipped: "
                            + tally.duplicates() + " duplicates, " + appliedBeforeTheRewind
                            + " applied before the rewind, " + copies + " copies");
            assertTrue(tally.tallies().stream().anyMatch(MemberTally::deleted), "some groups were deleted");
        }
    }

    /** Each group the tally counts against groups' own answer (operators' view of the database). */
    private static List<String> mismatches(MemberTallyConsumer tally) {
        List<String> found = new ArrayList<>();
        for (MemberTally t : tally.tallies()) {
            HttpResponse<String> group = Ops.group(t.groupId());
            if (group.statusCode() == 404) {
                if (!t.deleted()) {
                    found.add(t + ", but the group is gone");
                }
            } else if (group.statusCode() == 200) {
                int members = Json.parse(group.body()).getJsonArray("members").size();
                if (t.deleted() || t.members() != members) {
                    found.add(t + ", but the group has " + members + " members");
                }
            } else {
                found.add(t + ": the group answered " + group.statusCode());
            }
        }
        return found;
    }
}
