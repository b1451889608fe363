package io.playball.outbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Exponential backoff: the first pause, doubled after each failure up to a ceiling. The outbox keeps a row's attempt
 * count and asks when it is due again; the consumer's applier holds its thread and waits between attempts, on a
 * {@link Pauser} a test can replace with one that moves a clock instead of sleeping.
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < first <= max, got " + first + " and " + max);
        }
    }

    /** The pause after {@code failures} failures in a row (1: the first pause); never more than {@link #max}. */
    public Duration after(int failures) {
        if (failures < 1) {
            return Duration.ZERO;
        }
        // doublings beyond 62 would overflow, and long before that the ceiling applies
        int doublings = Math.min(failures - 1, 62);
        long factor = 1L << doublings;
        long firstNanos = first.toNanos();
        if (firstNanos > max.toNanos() / factor) {
            return max;
        }
        return Duration.ofNanos(firstNanos * factor);
    }

    /** When to try again, measured on {@code clock}, after {@code failures} failures in a row. */
    public Instant dueAfter(int failures, Clock clock) {
        return clock.instant().plus(after(failures));
    }

    /** Waits out a pause. */
    @FunctionalInterface
    public interface Pauser {
        void pause(Duration pause) throws InterruptedException;

        /** The real one: the calling thread sleeps. */
        Pauser SLEEP = pause -> Thread.sleep(pause.toMillis());
    }
}
