package io.playball.auth.account;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few threads for password hashes, and a queue sized by time rather than by count: a hash is let in only if the
 * hashes ahead of it and its own would be done within the wait budget, reckoned from the mean time of recent hashes.
 * So a burst is queued as long as it can be served in time, a flood is refused at once ({@link HashingBusyException})
 * instead of every request waiting behind it, and a slower machine queues fewer.
 */
final class HashingPool implements AutoCloseable {

    /** Weight of the newest hash in the running mean: it follows a change of load within a few dozen hashes. */
    private static final double NEWEST = 0.1;

    private final int threads;
    private final long budgetNanos;
    private final ThreadPoolExecutor executor;
    /** Hashes admitted and not yet done, running or queued. */
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile double meanNanos;

    /**
     * @param budget     longest a hash may take from admission to its end, waiting included
     * @param firstGuess the mean to start from, until hashes have been timed
     */
    HashingPool(int threads, Duration budget, Duration firstGuess, ThreadFactory threadFactory) {
        if (threads < 1 || budget.isNegative() || firstGuess.isNegative()) {
            throw new IllegalArgumentException("invalid hashing pool: " + threads + " threads, budget " + budget);
        }
        this.threads = threads;
        this.budgetNanos = budget.toNanos();
        this.meanNanos = firstGuess.toNanos();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threadFactory);
    }

    /** Runs {@code work} on the pool, or fails at once with {@link HashingBusyException} if it would not be in time. */
    <T> CompletableFuture<T> submit(Supplier<T> work) {
        int ahead = admitted.getAndIncrement();
        if (ahead >= threads && (ahead / threads + 1) * meanNanos > budgetNanos) {
            admitted.decrementAndGet();
            return CompletableFuture.failedFuture(new HashingBusyException());
        }
        try {
            return CompletableFuture.supplyAsync(() -> timed(work), executor);
        } catch (RejectedExecutionException e) {  // shut down
            admitted.decrementAndGet();
            return CompletableFuture.failedFuture(new HashingBusyException());
        }
    }

    private <T> T timed(Supplier<T> work) {
        long start = System.nanoTime();
        try {
            return work.get();
        } finally {
            long took = System.nanoTime() - start;
            meanNanos = meanNanos + NEWEST * (took - meanNanos);
            admitted.decrementAndGet();
        }
    }

    /** The running mean of a hash's time. */
    Duration mean() {
        return Duration.ofNanos((long) meanNanos);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
