package io.playball.auth.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a Kafka broker answers; DOWN says why. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    @Inject
    KafkaReachability kafka;

    @Override
    public HealthCheckResponse call() {
        String problem = kafka.problem();
        return problem == null
                ? HealthCheckResponse.named("kafka").up().build()
                : HealthCheckResponse.named("kafka").down().withData("reason", problem).build();
    }
}
