package io.playball.platform.monitoring;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The service's readiness as a metric, {@code playball_ready{service=…}}: 1 while every readiness check of this
 * service is UP, 0 otherwise. /health/ready says the same to a load balancer; the gauge lets the metrics that an
 * operator already scrapes carry it, for a dashboard and an alert. Evaluated at scrape time. Each service makes it a
 * bean by naming itself in a subclass.
 */
public abstract class ReadinessGauge {

    @Inject
    @Readiness
    Instance<HealthCheck> checks;

    @Inject
    MetricRegistry registry;

    /** The service's name, the tag that tells the two services' gauges apart. */
    protected abstract String service();

    void register(@Observes Startup startup) {
        registry.gauge(Metadata.builder().withName("playball.ready")
                        .withDescription("1 while every readiness check of the service is UP, 0 otherwise").build(),
                this, ReadinessGauge::ready, new Tag("service", service()));
    }

    double ready() {
        for (HealthCheck check : checks) {
            try {
                if (check.call().getStatus() != HealthCheckResponse.Status.UP) {
                    return 0;
                }
            } catch (RuntimeException e) {
                return 0;  // a check that fails is not UP, as /health/ready would say
            }
        }
        return 1;
    }
}
