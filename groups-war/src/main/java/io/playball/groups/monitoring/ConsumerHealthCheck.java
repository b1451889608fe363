package io.playball.groups.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * /health/ready: DOWN with a reason when the user-events consumer has stopped (its stream ended, or its Kafka
 * consumer is not open) or has been stuck on one record for longer than the stall limit. The data always carries
 * what it has done since start.
 */
@Readiness
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {

    @Inject
    ConsumerMetrics metrics;

    @Inject
    ConsumerWatch watch;

    @Inject
    KafkaConsumerProbe kafkaConsumer;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "playball.consumer.stall.limit.ms", defaultValue = "30000")
    long stallLimitMs;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("user-events-consumer")
                .withData("applied", metrics.applied())
                .withData("duplicates", metrics.duplicates())
                .withData("stale", metrics.stale())
                .withData("parked", metrics.parkedCount())
                .withData("retries", metrics.retries());
        Optional<String> problem = problem();
        return problem.isPresent() ? response.down().withData("reason", problem.get()).build() : response.up().build();
    }

    /** Why the consumer is not ready, if it is not. */
    Optional<String> problem() {
        Optional<String> ended = watch.ended();
        if (ended.isPresent()) {
            // the record and the failure are in the server log (SEVERE); /health is open to anyone
            return Optional.of("the user-events stream has stopped; restart the application (the server log says"
                    + " why)");
        }
        Optional<ConsumerWatch.Stall> stall = watch.stall();
        if (stall.isPresent()) {
            long stuckMs = Duration.between(stall.get().since(), clock.instant()).toMillis();
            if (stuckMs > stallLimitMs) {
                return Optional.of("the consumer has been stuck on one record or batch (failing to apply or park"
                        + " it, or waiting in its transaction) for " + stuckMs / 1000 + " s (the server log names the"
                        + " failure)");
            }
        }
        if (!kafkaConsumer.open()) {
            return Optional.of("no Kafka consumer is open for user-events");
        }
        return Optional.empty();
    }
}
