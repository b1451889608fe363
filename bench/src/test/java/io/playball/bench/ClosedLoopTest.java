package io.playball.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClosedLoopTest {

    @Test
    void everyWorkerSendsUntilTheTimeIsUpAndEachRequestIsCountedOnce() throws Exception {
        AtomicLong sent = new AtomicLong();
        Set<Integer> workers = ConcurrentHashMap.newKeySet();
        ClosedLoop.Result result = new ClosedLoop(4).run(Duration.ofMillis(200), w -> {
            workers.add(w);
            return sent.incrementAndGet() % 3 == 0 ? "refused" : null;
        });

        assertEquals(Set.of(0, 1, 2, 3), workers);
        assertEquals(sent.get(), result.ok() + result.failed());
        assertEquals(sent.get(), result.latency().getTotalCount());
        assertEquals(sent.get() / 3, result.failed());
        assertTrue(result.elapsedNanos() >= Duration.ofMillis(200).toNanos());
        assertEquals(5, result.failures().size(), "a few samples of what went wrong, not all");
    }

    @Test
    void aRequestThatThrowsIsAFailureAndTheLoopGoesOn() throws Exception {
        ClosedLoop.Result result = new ClosedLoop(2).run(Duration.ofMillis(50), w -> {
            throw new IllegalStateException("connection refused");
        });

        assertEquals(0, result.ok());
        assertTrue(result.failed() > 2);
        assertTrue(result.failures().get(0).contains("connection refused"));
    }
}
