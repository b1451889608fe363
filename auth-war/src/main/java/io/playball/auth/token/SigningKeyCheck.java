package io.playball.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while a key can sign tokens: without one, nobody can log in. The details go to the log. */
@Readiness
@ApplicationScoped
public class SigningKeyCheck implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(SigningKeyCheck.class.getName());
    private final AtomicBoolean failing = new AtomicBoolean();

    @Inject
    SigningKeys keys;

    @Override
    public HealthCheckResponse call() {
        try {
            keys.active();
            failing.set(false);
            return HealthCheckResponse.named("token-signing").up().build();
        } catch (RuntimeException e) {
            if (!failing.getAndSet(true)) {
                LOG.log(Level.SEVERE, "No key can sign tokens: logins fail", e);
            }
            return HealthCheckResponse.named("token-signing").down()
                    .withData("reason", "no key can sign tokens; the server log says why").build();
        }
    }
}
