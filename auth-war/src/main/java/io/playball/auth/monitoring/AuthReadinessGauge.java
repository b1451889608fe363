package io.playball.auth.monitoring;

import io.playball.platform.monitoring.ReadinessGauge;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code playball_ready{service="auth"}}. */
@ApplicationScoped
public class AuthReadinessGauge extends ReadinessGauge {

    @Override
    protected String service() {
        return "auth";
    }
}
