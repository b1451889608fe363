package io.playball.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/**
 * The one clock of the service, injected where time matters so that rules about time can be tested. It ticks in
 * microseconds, what PostgreSQL's timestamps hold: an instant stored and read back is the instant that was taken, so
 * an event sent from its outbox row says the same time as the event in its body.
 */
@ApplicationScoped
public class ClockProducer {

    private static final Clock UTC = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));

    @Produces
    Clock clock() {
        return UTC;
    }
}
