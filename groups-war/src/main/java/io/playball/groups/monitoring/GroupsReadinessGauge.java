package io.playball.groups.monitoring;

import io.playball.platform.monitoring.ReadinessGauge;
import jakarta.enterprise.context.ApplicationScoped;

/** {@code playball_ready{service="groups"}}. */
@ApplicationScoped
public class GroupsReadinessGauge extends ReadinessGauge {

    @Override
    protected String service() {
        return "groups";
    }
}
