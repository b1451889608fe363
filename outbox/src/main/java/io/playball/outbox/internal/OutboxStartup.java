package io.playball.outbox.internal;

import io.playball.outbox.OutboxPublisher;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts the relay and the sweep once the application is up (after the schema migration, which runs first). */
@ApplicationScoped
public class OutboxStartup {

    private static final Logger LOG = Logger.getLogger(OutboxStartup.class.getName());

    /** After the application's schema migration, which observes {@code Startup} at a lower priority. */
    public static final int PRIORITY = 2000;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSweep sweep;

    @Inject
    OutboxSettings settings;

    @Inject
    OutboxPublisher publisher;

    void onStartup(@Observes @Priority(PRIORITY) Startup startup) {
        requireConnector(publisher.channel(), settings.connector());
        if (settings.claimLease().compareTo(settings.longestSend().plusSeconds(10)) < 0) {
            // every row would wait out its claim before it could be sent
            throw new IllegalStateException("playball.outbox.claim.lease.ms (" + settings.claimLease().toMillis()
                    + ") must be at least 10 s longer than the longest send, " + settings.longestSend().toMillis()
                    + " ms (the outgoing channel's max.block.ms + delivery.timeout.ms + 5 s)");
        }
        if (!settings.relayEnabled()) {
            LOG.log(Level.INFO, "Outbox of channel {0}: this server''s relay is off (playball.outbox.{0}.relay.enabled):"
                    + " it appends to table {1}, and the relays of the other servers on that database send the rows",
                    new Object[] {publisher.channel(), settings.table()});
            return;
        }
        relay.start();
        sweep.start();
        LOG.log(Level.INFO, "Outbox of channel {0} started: table {1}, sweep every {2} ms, claims for {3} ms",
                new Object[] {publisher.channel(), settings.table(), settings.sweepInterval().toMillis(),
                        settings.claimLease().toMillis()});
    }

    /** Without a connector the relay would start and every send fail: the start fails instead, naming the channel. */
    static void requireConnector(String channel, Optional<String> connector) {
        if (connector.filter(name -> !name.isBlank()).isEmpty()) {
            throw new IllegalStateException("The outbox's channel " + channel + " has no connector: set"
                    + " mp.messaging.outgoing." + channel + ".connector (liberty-kafka) in the server's configuration");
        }
    }
}
