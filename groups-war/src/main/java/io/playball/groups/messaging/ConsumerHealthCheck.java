package io.playball.groups.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Reports in /health/ready what the user-events consumer has done since start. */
@Readiness
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {

    @Inject
    ConsumerCounters counters;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("user-events-consumer").up()
                .withData("applied", counters.applied())
                .withData("duplicates", counters.duplicates())
                .withData("stale", counters.stale())
                .withData("parked", counters.parkedCount())
                .withData("retries", counters.retries())
                .build();
    }
}
