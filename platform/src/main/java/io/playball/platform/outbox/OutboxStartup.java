package io.playball.platform.outbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/** Starts the relay and the sweep once the application is up (after the schema migration, which runs first). */
@ApplicationScoped
public class OutboxStartup {

    /** After the application's schema migration, which observes {@code Startup} at a lower priority. */
    public static final int PRIORITY = 2000;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSweep sweep;

    @Inject
    OutboxSettings settings;

    void onStartup(@Observes @Priority(PRIORITY) Startup startup) {
        if (settings.claimLease().compareTo(settings.longestSend().plusSeconds(10)) < 0) {
            // every row would wait out its claim before it could be sent
            throw new IllegalStateException("playball.outbox.claim.lease.ms (" + settings.claimLease().toMillis()
                    + ") must be at least 10 s longer than the longest send, " + settings.longestSend().toMillis()
                    + " ms (the outgoing channel's max.block.ms + delivery.timeout.ms + 5 s)");
        }
        relay.start();
        sweep.start();
    }
}
