package io.playball.groups.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether the user-events consumer is doing its job, as seen from inside it: the stream ended (a failure escaped the
 * consume method, after which Reactive Messaging delivers nothing more), or one record has failed to apply since
 * some time (database unreachable). Read by {@link ConsumerHealthCheck}.
 */
@ApplicationScoped
public class ConsumerWatch {

    private final Clock clock;

    private volatile String endedBecause;
    private volatile Stall stall;

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

    public void failing(String record, String error) {
        Stall current = stall;
        Instant since = current != null && current.record().equals(record) ? current.since() : clock.instant();
        stall = new Stall(record, since, error);
    }

    public void progressed() {
        stall = null;
    }

    /** Why the stream ended, if it has. */
    public Optional<String> ended() {
        return Optional.ofNullable(endedBecause);
    }

    /** The record the consumer is stuck on, if any. */
    public Optional<Stall> stall() {
        return Optional.ofNullable(stall);
    }

    /** One record failing to apply since {@code since}; {@code error} is the latest failure. */
    public record Stall(String record, Instant since, String error) {
    }
}
