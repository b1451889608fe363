package io.playball.auth.outbox;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

/** Starts the relay and the sweep once the application is up (after the schema migration, which runs first). */
@ApplicationScoped
public class OutboxStartup {

    /** After {@code SchemaMigration}'s observer, whose priority is lower. */
    public static final int PRIORITY = 2000;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSweep sweep;

    void onStartup(@Observes @Priority(PRIORITY) Startup startup) {
        relay.start();
        sweep.start();
    }
}
