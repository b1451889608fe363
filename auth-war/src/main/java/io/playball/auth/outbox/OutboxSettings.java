package io.playball.auth.outbox;

import io.playball.platform.time.Backoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The relay's settings (MicroProfile Config; e.g. PLAYBALL_OUTBOX_SWEEP_INTERVAL_MS in the environment). */
@ApplicationScoped
public class OutboxSettings {

    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);

    /** Names this server's relay in claims; unique per JVM start, readable in the table, and fits its column. */
    private final String owner = ownerName(ManagementFactory.getRuntimeMXBean().getName(), UUID.randomUUID());

    @Inject
    @ConfigProperty(name = "playball.outbox.sweep.interval.ms", defaultValue = "1000")
    long sweepIntervalMs;

    @Inject
    @ConfigProperty(name = "playball.outbox.sweep.batch.size", defaultValue = "500")
    int sweepBatchSize;

    @Inject
    @ConfigProperty(name = "playball.outbox.claim.lease.ms", defaultValue = "60000")
    long claimLeaseMs;

    /** The producer's bounds on one send: blocked in send() at most this, then delivered or failed within that. */
    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-out.max.block.ms", defaultValue = "60000")
    long maxBlockMs;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-out.delivery.timeout.ms", defaultValue = "120000")
    long deliveryTimeoutMs;

    @Inject
    @ConfigProperty(name = "playball.outbox.backoff.initial.ms", defaultValue = "500")
    long initialBackoffMs;

    @Inject
    @ConfigProperty(name = "playball.outbox.backoff.max.ms", defaultValue = "30000")
    long maxBackoffMs;

    @Inject
    @ConfigProperty(name = "playball.outbox.queue.capacity", defaultValue = "10000")
    int queueCapacity;

    /** Deleted rows between two vacuums of the outbox table on PostgreSQL; 0 leaves it to autovacuum. */
    @Inject
    @ConfigProperty(name = "playball.outbox.vacuum.after.rows", defaultValue = "10000")
    long vacuumAfterRows;

    /** "pid@host/uuid", the host part cut so that the whole fits {@code claimed_by} (255) whatever the host. */
    static String ownerName(String pidAtHost, UUID unique) {
        return (pidAtHost.length() > 200 ? pidAtHost.substring(0, 200) : pidAtHost) + "/" + unique;
    }

    public String owner() {
        return owner;
    }

    public Duration sweepInterval() {
        return Duration.ofMillis(sweepIntervalMs);
    }

    public int sweepBatchSize() {
        return sweepBatchSize;
    }

    public Duration claimLease() {
        return Duration.ofMillis(claimLeaseMs);
    }

    /**
     * The longest a send can take from the moment the relay hands it to the producer until it is acknowledged or
     * fails, with a margin for the servers' clocks: a row is handed over only while its claim has at least this long
     * to run, so that no claim expires (and is taken over) while its send is in flight.
     */
    public Duration longestSend() {
        return Duration.ofMillis(maxBlockMs + deliveryTimeoutMs).plus(CLOCK_MARGIN);
    }

    /** Between a failed send and the next attempt of that row. */
    public Backoff backoff() {
        return new Backoff(Duration.ofMillis(initialBackoffMs), Duration.ofMillis(maxBackoffMs));
    }

    public long vacuumAfterRows() {
        return vacuumAfterRows;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
