package io.playball.outbox.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs this server's batch statements on the outbox table (the sweep's claim, the relay's delete of sent rows) one at
 * a time, each with its whole transaction. On Derby, whose readers lock rows, a claim scanning the table while a
 * batch delete holds its rows deadlocks, and Derby breaks a deadlock only after {@code derby.locks.deadlockTimeout}:
 * a backlog then drains at one batch per timeout. Both statements are short and run once per batch, so serialising
 * them costs nothing measurable on PostgreSQL either.
 */
@ApplicationScoped
public class OutboxBatchLock {

    private final ReentrantLock lock = new ReentrantLock();

    /** @param transaction a call into a {@code REQUIRES_NEW} method, so that the commit happens inside the lock */
    <T> T run(Supplier<T> transaction) {
        lock.lock();
        try {
            return transaction.get();
        } finally {
            lock.unlock();
        }
    }
}
