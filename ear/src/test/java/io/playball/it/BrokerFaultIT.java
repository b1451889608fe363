package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Ledger;
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

/** Fault 1: the broker stops for ~10 s in the middle of a steady load and comes back. */
@MicroShedTest
class BrokerFaultIT {

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @AfterAll
    static void brokerIsBack() {
        Broker.ensureRunning();
    }

    @Test
    void aBrokerOutageMidLoadLosesNothingAndAppliesNothingTwice() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.register("broker-fault", "Broker fault " + i));
        }
        ChangeLoad load = new ChangeLoad(users);
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        faults.schedule(Broker::stop, 8, TimeUnit.SECONDS);
        faults.schedule(Broker::start, 18, TimeUnit.SECONDS);

        load.run(50, Duration.ofSeconds(25));
        faults.shutdown();
        Broker.start();  // in case the schedule has not run it (no-op when running)

        assertTrue(load.totalAcknowledged() > 500, "writes kept succeeding: " + load.totalAcknowledged()
                + " of " + load.sent() + " acknowledged");
        Ledger.assertBalanced(load, Duration.ofSeconds(120));
    }
}
