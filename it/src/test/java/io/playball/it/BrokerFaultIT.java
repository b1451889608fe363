package io.playball.it;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Ledger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Fault 1: the broker stops in the middle of a steady load and comes back. Each step waits for what the load has
 * reached, not for the clock: changes are accepted before, during and after the outage, whatever the machine's speed.
 */
@MicroShedTest
class BrokerFaultIT {

    private static final Duration STEP = Duration.ofSeconds(90);

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
        load.start(50);
        try {
            load.awaitMoreAcknowledged("the load running", 50, STEP);
            Broker.stop();
            try {
                load.awaitMoreAcknowledged("writes accepted while the broker is down", 50, STEP);
            } finally {
                Broker.start();
            }
            load.awaitMoreAcknowledged("writes accepted after the broker is back", 50, STEP);
        } finally {
            load.stop();
        }
        Ledger.assertBalanced(load, Duration.ofSeconds(120));
    }
}
