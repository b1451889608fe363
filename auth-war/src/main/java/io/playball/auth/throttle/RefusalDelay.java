package io.playball.auth.throttle;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.AsyncResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Holds a refusal (429 throttled, 503 busy) for a moment before it is sent, without holding a thread: a client that
 * sends its next guess as soon as it has an answer then guesses a few times a second per connection instead of
 * thousands, and the server's CPU stays with everyone else's requests.
 */
@ApplicationScoped
public class RefusalDelay {

    @Inject
    @ConfigProperty(name = "playball.throttle.refusal.delay", defaultValue = "PT0.25S")
    Duration delay;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Resumes {@code response} with {@code refusal}, mapped as usual, once the delay has passed. */
    public void refuse(AsyncResponse response, Throwable refusal) {
        if (delay.isZero() || delay.isNegative()) {
            response.resume(refusal);
            return;
        }
        scheduler.schedule(() -> response.resume(refusal), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
