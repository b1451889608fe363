package io.playball.outbox.internal;

import io.playball.outbox.OutboxPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox backlog in /health/ready. A backlog alone does not make the server unready (it still takes
 * writes while the broker is down); the numbers are there for operators and tests. DOWN means the table is unreadable.
 * Every application's outbox has a check of this name; its {@code channel} tells them apart.
 */
@Readiness
@ApplicationScoped
public class OutboxBacklogCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(OutboxBacklogCheck.class.getName());
    /** The details go to the log once per outage, not at every health poll; /health is open to anyone. */
    private final AtomicBoolean unreadable = new AtomicBoolean();

    @Inject
    OutboxStore store;

    @Inject
    Clock clock;

    @Inject
    OutboxPublisher publisher;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox");
        try {
            OutboxStore.Backlog backlog = store.backlog();
            long oldestAgeMs = backlog.oldest() == null ? 0 : Duration.between(backlog.oldest(), clock.instant()).toMillis();
            if (unreadable.getAndSet(false)) {
                LOG.info("The outbox table can be read again");
            }
            return response.up().withData("channel", publisher.channel()).withData("pending", backlog.pending())
                    .withData("oldestAgeMs", oldestAgeMs).build();
        } catch (RuntimeException e) {
            if (!unreadable.getAndSet(true)) {
                LOG.log(Level.WARNING, "The outbox table cannot be read", e);
            }
            return response.down().withData("channel", publisher.channel())
                    .withData("reason", "the database cannot be read; the server log says why").build();
        }
    }
}
