package io.playball.outbox.internal;

import io.playball.outbox.OutboxPublisher;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The relay's figures on /metrics (application scope, Prometheus names {@code playball_outbox_*}, each tagged with
 * the outgoing channel so that several applications' outboxes on one server stay apart): the backlog read from the
 * table at scrape time, and what the relay sent or failed to send since start, by path.
 */
@ApplicationScoped
public class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class.getName());

    /** Which part of the relay handed the row to the producer. */
    public enum Path {
        /** right after the writing transaction committed */
        FAST,
        /** found by the sweep: written before a crash, a failed send, an expired claim */
        SWEEP,
        /** sent now at an operator's request */
        REPAIR
    }

    @Inject
    MetricRegistry registry;

    @Inject
    OutboxStore store;

    @Inject
    Clock clock;

    @Inject
    OutboxPublisher publisher;

    private Counter sentFast;
    private Counter sentSweep;
    private Counter sentRepair;
    private Counter failures;
    private Counter vacuums;
    private Counter claimsTooOld;

    /** On first use, which may be a record or a send before Startup is observed: the fields are never null. */
    @PostConstruct
    void register() {
        Tag channel = new Tag("channel", publisher.channel());
        Metadata sent = Metadata.builder().withName("playball.outbox.events.sent")
                .withDescription("Outbox events the broker acknowledged, by the relay path that sent them").build();
        sentFast = registry.counter(sent, channel, new Tag("path", "fast"));
        sentSweep = registry.counter(sent, channel, new Tag("path", "sweep"));
        sentRepair = registry.counter(sent, channel, new Tag("path", "repair"));
        failures = registry.counter(Metadata.builder().withName("playball.outbox.send.failures")
                .withDescription("Sends the broker did not acknowledge; the row is retried with backoff").build(),
                channel);
        claimsTooOld = registry.counter(Metadata.builder().withName("playball.outbox.claims.too.old")
                .withDescription("Rows not sent because their claim could have expired in flight; the sweep sends"
                        + " them once the claim has run out").build(), channel);
        vacuums = registry.counter(Metadata.builder().withName("playball.outbox.vacuums")
                .withDescription("VACUUMs of the outbox table run by the relay (PostgreSQL only)").build(), channel);
        registry.gauge(Metadata.builder().withName("playball.outbox.pending.rows")
                .withDescription("Outbox rows not yet acknowledged by the broker").build(),
                this, readBacklog(b -> (double) b.pending()), channel);
        registry.gauge(Metadata.builder().withName("playball.outbox.oldest.age")
                .withDescription("Age of the oldest pending outbox row (0 when none is pending)")
                .withUnit(MetricUnits.SECONDS).build(),
                this, readBacklog(b -> b.oldest() == null ? 0.0
                        : Duration.between(b.oldest(), clock.instant()).toMillis() / 1000.0), channel);
    }

    /** Created at startup at the latest, so that the gauges are on /metrics before the first event. */
    void eager(@Observes Startup startup) {
        // observing is enough: it instantiates the bean
    }

    void sent(Path path) {
        switch (path) {
            case FAST -> sentFast.inc();
            case SWEEP -> sentSweep.inc();
            case REPAIR -> sentRepair.inc();
        }
    }

    void sendFailed() {
        failures.inc();
    }

    void claimTooOld() {
        claimsTooOld.inc();
    }

    void vacuumed() {
        vacuums.inc();
    }

    /** NaN when the table cannot be read: a scrape must not fail because the database is down. */
    private Function<OutboxMetrics, Double> readBacklog(Function<OutboxStore.Backlog, Double> figure) {
        return ignored -> {
            try {
                return figure.apply(store.backlog());
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "Outbox backlog unreadable for /metrics", e);
                return Double.NaN;
            }
        };
    }
}
