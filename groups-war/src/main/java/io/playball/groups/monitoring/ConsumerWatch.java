package io.playball.groups.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the user-events consumer is doing its job, as seen from inside it: the stream ended (a failure escaped the
 * consume method, after which Reactive Messaging delivers nothing more), one record has failed to apply since some
 * time (database unreachable), or one transaction has been applying since some time without failing (waiting for a
 * lock, a slow statement). Read by {@link ConsumerHealthCheck} and {@link ConsumerMetrics}.
 */
@ApplicationScoped
public class ConsumerWatch {

    private final Clock clock;

    private volatile String endedBecause;
    private volatile Stall stall;
    private volatile Stall applying;

    @Inject
    public ConsumerWatch(Clock clock) {
        this.clock = clock;
    }

    /** For the container's client proxy. */
    protected ConsumerWatch() {
        this(null);
    }

    /** The stream has ended: nothing more will be delivered until the application restarts. */
    public void ended(String reason) {
        endedBecause = reason;
    }

    /**
     * {@code record} failed to apply (or park). The stall counts from its first failure, or from the start of the
     * transaction in flight when it failed: a batch stuck for a while that then fails is not a new stall.
     */
    public void failing(String record, String error) {
        Stall current = stall;
        Stall inFlight = applying;
        Instant since = current != null && current.record().equals(record) ? current.since()
                : current == null && inFlight != null ? inFlight.since() : clock.instant();
        stall = new Stall(record, since, error);
    }

    /**
     * A transaction that applies records begins; counted from the first attempt on, until {@link #progressed}. Called
     * for every transaction, so it names nothing: the log names a record once it fails.
     */
    public void applying() {
        if (applying == null) {
            applying = new Stall("a transaction in flight", clock.instant(), "waiting for the database (a lock, a"
                    + " slow statement)");
        }
    }

    public void progressed() {
        stall = null;
        applying = null;
    }

    /** Why the stream ended, if it has. */
    public Optional<String> ended() {
        return Optional.ofNullable(endedBecause);
    }

    /**
     * What the consumer is stuck on, if anything: the record failing to apply, else the transaction in flight. Both
     * start when the consumer began on them, so that a transaction in flight for long is a stall like a failure.
     */
    public Optional<Stall> stall() {
        Stall failing = stall;
        return Optional.ofNullable(failing != null ? failing : applying);
    }

    /** One record failing to apply since {@code since}; {@code error} is the latest failure. */
    public record Stall(String record, Instant since, String error) {
    }
}
