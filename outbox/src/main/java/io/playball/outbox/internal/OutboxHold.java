package io.playball.outbox.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An operator's hold on this server's relay: while it is on, changes still commit with their outbox rows, but nothing
 * is sent; released, the sweep drains what piled up. For maintenance on the broker side, and how the benchmark builds
 * a backlog. In memory: a restart releases it, and relays of other servers sharing the database are not held.
 */
@ApplicationScoped
public class OutboxHold {

    private volatile boolean held;
    private final AtomicLong sweepsHeldBack = new AtomicLong();

    public boolean isHeld() {
        return held;
    }

    void set(boolean on) {
        held = on;
        if (on) {
            sweepsHeldBack.set(0);
        }
    }

    /** The sweep found the relay held and sent nothing. */
    void heldBackSweep() {
        sweepsHeldBack.incrementAndGet();
    }

    /** Sweeps that ran and sent nothing since the hold was put on: proof for an operator that the hold holds. */
    public long sweepsHeldBack() {
        return sweepsHeldBack.get();
    }
}
