package io.playball.auth.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hashing pool's queue is sized by time: a hash is let in while the hashes ahead of it and its own fit in the
 * wait budget at the mean hash time; beyond that it is refused at once, not queued behind a flood.
 */
class HashingPoolTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private HashingPool pool;

    @AfterEach
    void stop() {
        release.countDown();
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void aBurstThatFitsTheBudgetIsQueuedAndTheNextIsRefusedAtOnce() throws Exception {
        // one thread, 100 ms a hash, a 1 s budget: ten hashes fit, the one running included
        pool = new HashingPool(1, Duration.ofSeconds(1), Duration.ofMillis(100), new PlainThreads());
        List<CompletableFuture<String>> admitted = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            admitted.add(pool.submit(this::held));
        }
        assertTrue(admitted.stream().noneMatch(CompletableFuture::isDone), "all ten admitted, waiting");

        CompletableFuture<String> refused = pool.submit(() -> "eleventh");
        assertTrue(refused.isCompletedExceptionally(), "refused at once, not queued");
        ExecutionException e = assertThrows(ExecutionException.class, refused::get);
        assertInstanceOf(HashingBusyException.class, e.getCause());

        release.countDown();
        for (CompletableFuture<String> f : admitted) {
            assertEquals("held", f.get(10, TimeUnit.SECONDS));
        }
        assertEquals("again", pool.submit(() -> "again").get(10, TimeUnit.SECONDS), "room again once served");
    }

    @Test
    void moreThreadsServeMoreInTheSameBudget() {
        pool = new HashingPool(2, Duration.ofSeconds(1), Duration.ofMillis(100), new PlainThreads());
        int admitted = 0;
        while (!pool.submit(this::held).isCompletedExceptionally()) {
            admitted++;
        }
        assertEquals(20, admitted);
    }

    @Test
    void aFreeThreadTakesAHashEvenIfOneHashIsLongerThanTheBudget() throws Exception {
        pool = new HashingPool(1, Duration.ofMillis(10), Duration.ofSeconds(1), new PlainThreads());
        assertEquals("alone", pool.submit(() -> "alone").get(10, TimeUnit.SECONDS));
    }

    @Test
    void theMeanFollowsTheTimesMeasured() throws Exception {
        pool = new HashingPool(1, Duration.ofSeconds(1), Duration.ofSeconds(10), new PlainThreads());
        for (int i = 0; i < 50; i++) {
            pool.submit(() -> "quick").get(10, TimeUnit.SECONDS);
        }
        assertTrue(pool.mean().compareTo(Duration.ofMillis(100)) < 0, "mean now " + pool.mean());
    }

    private String held() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }
}
