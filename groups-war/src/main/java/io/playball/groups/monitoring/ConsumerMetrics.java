package io.playball.groups.monitoring;

import io.playball.groups.event.UserEventSink;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * What the consumer has done since the server started, on /metrics (Prometheus names {@code playball_consumer_*} and
 * {@code playball_event_lag_seconds}) and in /health/ready.
 */
@ApplicationScoped
public class ConsumerMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    ConsumerWatch watch;

    @Inject
    Clock clock;

    private Counter applied;
    private Counter duplicates;
    private Counter stale;
    private Counter parked;
    private Counter retries;
    private Timer lag;
    private Histogram batchSize;

    /** On first use, which may be a record or a send before Startup is observed: the fields are never null. */
    @PostConstruct
    void register() {
        Metadata events = Metadata.builder().withName("playball.consumer.events")
                .withDescription("User events consumed, by outcome: applied to the view, skipped as a duplicate"
                        + " (event id already in the inbox), or ignored as stale (not newer than the view)").build();
        applied = registry.counter(events, new Tag("outcome", "applied"));
        duplicates = registry.counter(events, new Tag("outcome", "duplicate"));
        stale = registry.counter(events, new Tag("outcome", "stale"));
        parked = registry.counter(Metadata.builder().withName("playball.consumer.records.parked")
                .withDescription("Records that can never be applied, parked on the dead-letter topic").build());
        retries = registry.counter(Metadata.builder().withName("playball.consumer.apply.retries")
                .withDescription("Failed attempts to apply an event (database unreachable), each retried").build());
        lag = registry.timer(Metadata.builder().withName("playball.event.lag")
                .withDescription("From the event's occurredAt (auth's transaction) to the commit of the transaction"
                        + " that applied it in groups").build());
        registry.gauge(Metadata.builder().withName("playball.consumer.stalled")
                .withDescription("How long the consumer has been on one record or batch without finishing it: failing"
                        + " to apply or park it, or waiting in its transaction (0 when idle)")
                        .withUnit(MetricUnits.SECONDS).build(),
                this, ConsumerMetrics::stalledSeconds);
        batchSize = registry.histogram(Metadata.builder().withName("playball.consumer.batch.size")
                .withDescription("Events applied per transaction: 1 under light traffic, up to"
                        + " playball.consumer.batch.max when records arrive faster than one transaction each").build());
    }

    double stalledSeconds() {
        return watch.stall().map(s -> Duration.between(s.since(), clock.instant()).toMillis() / 1000.0).orElse(0.0);
    }

    /** Created at startup at the latest, so that every series is on /metrics (at zero) before the first record. */
    void eager(@Observes Startup startup) {
        // observing is enough: it instantiates the bean
    }

    public void count(UserEventSink.Outcome outcome) {
        switch (outcome) {
            case APPLIED -> applied.inc();
            case DUPLICATE -> duplicates.inc();
            case STALE -> stale.inc();
        }
    }

    /** Commit-to-applied lag of one applied event; a negative value (clock step) counts as zero. */
    public void lag(Duration commitToApplied) {
        lag.update(commitToApplied.isNegative() ? Duration.ZERO : commitToApplied);
    }

    /** One transaction that applied this many events. */
    public void batch(int events) {
        batchSize.update(events);
    }

    public void parked() {
        parked.inc();
    }

    public void retried() {
        retries.inc();
    }

    public long applied() {
        return applied.getCount();
    }

    public long duplicates() {
        return duplicates.getCount();
    }

    public long stale() {
        return stale.getCount();
    }

    public long parkedCount() {
        return parked.getCount();
    }

    public long retries() {
        return retries.getCount();
    }
}
