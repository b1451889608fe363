package io.playball.platform.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The one clock of the service, injected where time matters so that rules about time can be tested. */
@ApplicationScoped
public class ClockProducer {

    private static final Clock UTC = Clock.systemUTC();

    @Produces
    Clock clock() {
        return UTC;
    }
}
