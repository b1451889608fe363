package io.playball.auth.faults;

import io.playball.platform.faults.FaultInjectionSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Test-only: arms {@link FaultInjection} from the {@code X-PlayBall-Fault} header, and only when
 * {@code playball.fault-injection.enabled} is true. Off by default; the integration-test server turns it on.
 */
@Provider
@ApplicationScoped
public class FaultInjectionFilter implements ContainerRequestFilter {

    static final String HEADER = "X-PlayBall-Fault";

    private final boolean enabled = FaultInjectionSwitch.isOn();

    @Inject
    FaultInjection faults;

    @Override
    public void filter(ContainerRequestContext request) {
        String point = request.getHeaderString(HEADER);
        if (enabled && point != null) {
            faults.arm(point);
        }
    }
}
