package io.playball.auth.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while a Kafka broker answers. /health is open to anyone: DOWN gives a generic reason, and the details
 * (addresses, the client's error) go to the server log.
 */
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
                : HealthCheckResponse.named("kafka").down()
                        .withData("reason", "no broker answered; the server log says why").build();
    }
}
