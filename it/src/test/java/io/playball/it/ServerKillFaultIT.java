package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.ConsumerGroup;
import io.playball.it.support.Json;
import io.playball.it.support.LibertyServer;
import io.playball.it.support.Ledger;
import io.playball.it.support.Ops;
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
 * Faults 2 and 3: Liberty is killed with kill -9 in the middle of a steady load and started again. Whatever got a 2xx
 * is kept and published; the consumer, cut between applying records and committing their offsets, gets them again
 * after the restart and the inbox absorbs them.
 */
@MicroShedTest
class ServerKillFaultIT {

    private static final Duration STEP = Duration.ofSeconds(90);

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @AfterAll
    static void serverIsBack() {
        if (!LibertyServer.isRunning()) {
            LibertyServer.start();
        }
    }

    @Test
    void killingTheServerMidLoadLosesNothingAndAppliesNothingTwice() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register("server-kill", "Server kill " + i));
        }
        Ops.token();  // the operator's token survives the restart (same signing key)
        Map<TopicPartition, Long> beforeTheLoad = ConsumerGroup.endOffsets();
        ChangeLoad load = new ChangeLoad(users);
        load.start(50);
        try {
            Poll.until("groups to have applied some of the load", STEP, () -> users.stream().anyMatch(u -> {
                HttpResponse<String> view = Ops.userView(u.id());
                return view.statusCode() == 200 && Json.parse(view.body()).getInt("version") >= 2;
            }));
            LibertyServer.kill();
            long failuresAtTheKill = load.failures();
            // Whether the kill lands between applying records and committing their offsets is a matter of
            // microseconds. Make it certain: the group's offsets go back to where this load began, as if nothing had
            // been committed since, so that every record applied before the kill is delivered again.
            ConsumerGroup.rewindTo(beforeTheLoad, STEP);
            LibertyServer.start();
            assertTrue(load.failures() > failuresAtTheKill, "the kill was felt by the client");
            load.awaitMoreAcknowledged("writes accepted after the restart", 50, STEP);
        } finally {
            load.stop();
        }

        Ledger.assertBalanced(load, Duration.ofSeconds(120));
        assertTrue(Ops.consumerCounter("duplicates") > 0,
                "records applied before the kill were delivered again and skipped");
    }
}
