package io.playball.auth.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hashing pool: what does not fit in its threads and queue is refused at once, not queued behind a flood. */
class PasswordHasherTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch started = new CountDownLatch(1);
    private final PasswordHasher hasher = new PasswordHasher();

    @AfterEach
    void stop() {
        release.countDown();
        hasher.close();
    }

    @Test
    void aFullPoolRefusesAtOnceAndServesAgainOnceFree() throws Exception {
        hasher.pbkdf2 = new HeldHash();
        hasher.iterations = 1;
        hasher.threads = Optional.of(1);
        hasher.queue = 1;
        hasher.threadFactory = new PlainThreads();
        hasher.init();

        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> hasher.hash("first"));
        assertTrue(started.await(10, TimeUnit.SECONDS), "the first hash runs");
        CompletableFuture<Boolean> queued = hasher.verifyAsync("second", "hash");
        waitUntilQueued(1);

        assertThrows(HashingBusyException.class, () -> hasher.hash("third"), "no thread and no room in the queue");
        CompletableFuture<Boolean> refused = hasher.verifyAsync("fourth", "hash");
        assertTrue(refused.isCompletedExceptionally(), "refused at once, not queued");

        release.countDown();
        assertEquals("hash:first", running.get(10, TimeUnit.SECONDS));
        assertTrue(queued.get(10, TimeUnit.SECONDS));
        assertEquals("hash:fifth", hasher.hash("fifth"));
    }

    private void waitUntilQueued(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (hasher.waiting() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the second hash never queued");
            }
            Thread.onSpinWait();
        }
    }

    /** A hash that waits for the test to release it (the decoy made at start passes through). */
    private final class HeldHash implements Pbkdf2PasswordHash {
        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            String p = new String(password);
            if (p.equals("first")) {
                started.countDown();
                await();
            }
            return "hash:" + p;
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            return true;
        }

        private void await() {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
