package io.playball.auth.throttle;

import java.time.Duration;

/** Thrown when a login or registration is refused because its account or client address is throttled. */
public class TooManyAttemptsException extends RuntimeException {

    private final Duration retryAfter;

    TooManyAttemptsException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
