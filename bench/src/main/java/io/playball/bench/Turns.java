package io.playball.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Round robin over the things a load changes, each with at most one change in flight (a user, so that it knows its
 * version; a group, for the same reason). The position carries on from one run to the next.
 */
final class Turns<T> {

    private final List<T> items;
    private final Function<T, AtomicBoolean> busy;
    private int next;

    Turns(List<T> items, Function<T, AtomicBoolean> busy) {
        this.items = items;
        this.busy = busy;
    }

    /** The next idle one, now marked busy; null when every one has a change in flight. */
    T takeIdle() {
        for (int tries = 0; tries < items.size(); tries++) {
            T candidate = items.get(next);
            next = (next + 1) % items.size();
            if (busy.apply(candidate).compareAndSet(false, true)) {
                return candidate;
            }
        }
        return null;
    }

    /** Waits (a minute at most) until the last answers are in. */
    void awaitIdle() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (items.stream().anyMatch(i -> busy.apply(i).get()) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
