package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.LibertyServer;
import io.playball.it.support.Ledger;
import io.playball.it.support.Ops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
        ChangeLoad load = new ChangeLoad(users);
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        faults.schedule(() -> {
            LibertyServer.kill();
            LibertyServer.start();
        }, 8, TimeUnit.SECONDS);

        load.run(50, Duration.ofSeconds(20));
        faults.shutdown();
        try {
            assertTrue(faults.awaitTermination(240, TimeUnit.SECONDS), "kill and restart finished");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Api.awaitReady();

        assertTrue(load.failures() > 0, "the kill was felt by the client");
        Ledger.assertBalanced(load, Duration.ofSeconds(120));
        assertTrue(Ops.consumerCounter("duplicates") > 0,
                "records applied before the kill but not yet committed were delivered again and skipped");
    }
}
