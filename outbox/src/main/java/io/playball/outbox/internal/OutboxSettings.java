package io.playball.outbox.internal;

import io.playball.outbox.OutboxPublisher;
import io.playball.outbox.OutboxTable;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The relay's settings, from MicroProfile Config. Each is read as {@code playball.outbox.<channel>.<name>} first and
 * {@code playball.outbox.<name>} second (e.g. {@code PLAYBALL_OUTBOX_SWEEP_INTERVAL_MS} in the environment), so that
 * two applications on one server can set their outboxes apart. The producer's bounds come from the outgoing
 * channel's own settings.
 */
@ApplicationScoped
public class OutboxSettings {

    static final String PREFIX = "playball.outbox.";
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(5);
    /** Kafka's default producer max.request.size, when the channel sets none. */
    static final long KAFKA_MAX_REQUEST_SIZE = 1_048_576;
    /** Of the producer's max.request.size, what a record's key, headers and batch framing may take besides the payload. */
    static final long RECORD_ROOM = 16_384;
    /** A table name, optionally schema-qualified: it is written into the VACUUM statement. */
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    /** Names this server's relay in claims; unique per JVM start, readable in the table, and fits its column. */
    private final String owner = ownerName(ManagementFactory.getRuntimeMXBean().getName(), UUID.randomUUID());

    @Inject
    OutboxPublisher publisher;

    @Inject
    Config config;

    long sweepIntervalMs = 1000;
    int sweepBatchSize = 1000;
    long claimLeaseMs = 60_000;
    /** The producer's bounds on one send: blocked in send() at most this, then delivered or failed within that. */
    long maxBlockMs = 60_000;
    long deliveryTimeoutMs = 120_000;
    long initialBackoffMs = 500;
    long maxBackoffMs = 30_000;
    int queueCapacity = 10_000;
    /** How long a sent row waits for others to share its delete: one statement and commit for several rows. */
    long deleteDelayMs = 20;
    /** Deleted rows between two vacuums of the outbox table on PostgreSQL; 0 leaves it to autovacuum. */
    long vacuumAfterRows = 10_000;
    /** The table {@link OutboxEntry} is mapped to: the one setting {@link OutboxTable} reads. */
    String table = OutboxTable.DEFAULT;
    /** The largest payload appended, in UTF-8 bytes; the channel's max.request.size may lower it. */
    long payloadMaxBytes = 1_048_576;
    long maxRequestSize = KAFKA_MAX_REQUEST_SIZE;
    /** Off: this server appends, and the relays of the other servers sharing its database send its rows. */
    boolean relayEnabled = true;
    /** The outgoing channel's connector, if it has one. */
    Optional<String> connector = Optional.empty();

    @PostConstruct
    void read() {
        String channel = publisher.channel();
        sweepIntervalMs = setting(channel, "sweep.interval.ms", Long.class, sweepIntervalMs);
        sweepBatchSize = setting(channel, "sweep.batch.size", Integer.class, sweepBatchSize);
        claimLeaseMs = setting(channel, "claim.lease.ms", Long.class, claimLeaseMs);
        initialBackoffMs = setting(channel, "backoff.initial.ms", Long.class, initialBackoffMs);
        maxBackoffMs = setting(channel, "backoff.max.ms", Long.class, maxBackoffMs);
        queueCapacity = setting(channel, "queue.capacity", Integer.class, queueCapacity);
        vacuumAfterRows = setting(channel, "vacuum.after.rows", Long.class, vacuumAfterRows);
        deleteDelayMs = Math.max(0, setting(channel, "delete.delay.ms", Long.class, deleteDelayMs));
        table = OutboxTable.name();
        relayEnabled = setting(channel, "relay.enabled", Boolean.class, relayEnabled);
        payloadMaxBytes = setting(channel, "payload.max.bytes", Long.class, payloadMaxBytes);
        String producer = "mp.messaging.outgoing." + channel + ".";
        connector = config.getOptionalValue(producer + "connector", String.class);
        maxBlockMs = config.getOptionalValue(producer + "max.block.ms", Long.class).orElse(maxBlockMs);
        deliveryTimeoutMs = config.getOptionalValue(producer + "delivery.timeout.ms", Long.class)
                .orElse(deliveryTimeoutMs);
        maxRequestSize = config.getOptionalValue(producer + "max.request.size", Long.class).orElse(maxRequestSize);
    }

    private <T> T setting(String channel, String name, Class<T> type, T fallback) {
        return config.getOptionalValue(PREFIX + channel + "." + name, type)
                .or(() -> config.getOptionalValue(PREFIX + name, type))
                .orElse(fallback);
    }

    /** Public for {@link OutboxTable}, which checks the setting with it. */
    public static String tableName(String name) {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(PREFIX + "table must be a table name, [schema.]name: " + name);
        }
        return name;
    }

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

    /**
     * The largest payload the writer takes, in UTF-8 bytes: the setting, or less if the channel's producer could not
     * send it with its key and headers. The topic's max.message.bytes must be at least the producer's
     * max.request.size (docs/outbox-library.md).
     */
    public long payloadLimit() {
        return Math.min(payloadMaxBytes, maxRequestSize - RECORD_ROOM);
    }

    public Duration deleteDelay() {
        return Duration.ofMillis(deleteDelayMs);
    }

    public long vacuumAfterRows() {
        return vacuumAfterRows;
    }

    public int queueCapacity() {
        return queueCapacity;
    }

    public boolean relayEnabled() {
        return relayEnabled;
    }

    public Optional<String> connector() {
        return connector;
    }

    /** The outbox table, as the VACUUM names it. */
    public String table() {
        return table;
    }
}
