package io.playball.auth.account;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hashes and verifies passwords with Jakarta Security's PBKDF2 (HMAC-SHA512, 32-byte salt and key), on a small pool of
 * its own with a short queue. Hashing is deliberately expensive: run on request threads, a flood of logins would take
 * every core from every other request. When the pool and its queue are full the caller is refused at once
 * ({@link HashingBusyException}, a 503) instead of waiting.
 */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    /** OWASP's figure for PBKDF2-HMAC-SHA512; lower it only for tests. */
    @Inject
    @ConfigProperty(name = "playball.password.hash.iterations", defaultValue = "210000")
    int iterations;

    /** Default: half the cores (at least one), so that hashing never has the whole machine. */
    @Inject
    @ConfigProperty(name = "playball.password.hash.threads")
    Optional<Integer> threads;

    /** Hashes that may wait for a thread; beyond them a request is refused. */
    @Inject
    @ConfigProperty(name = "playball.password.hash.queue", defaultValue = "4")
    int queue;

    @Resource
    ManagedThreadFactory threadFactory;

    /** Verified against when the username is unknown, so that the answer takes as long as for a wrong password. */
    private String decoy;
    private ThreadPoolExecutor pool;

    @PostConstruct
    void init() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoy = pbkdf2.generate("decoy password that matches nothing".toCharArray());
        int n = threads.orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        pool = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(Math.max(1, queue)),
                threadFactory, new ThreadPoolExecutor.AbortPolicy());
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }

    /** @throws HashingBusyException if every hashing thread is busy and the queue is full */
    public String hash(String password) {
        return onPool(() -> pbkdf2.generate(password.toCharArray()));
    }

    /**
     * Verifies on the pool without holding the caller's thread: the stage completes when the hash is done, or at
     * once with {@link HashingBusyException} if the pool and its queue are full.
     */
    public CompletableFuture<Boolean> verifyAsync(String password, String hash) {
        return onPoolAsync(() -> pbkdf2.verify(password.toCharArray(), hash));
    }

    /** The same work as a verification, against no stored hash (an unknown username): always false. */
    public CompletableFuture<Boolean> verifyDecoyAsync(String password) {
        return onPoolAsync(() -> pbkdf2.verify(password.toCharArray(), decoy) && false);
    }

    private <T> CompletableFuture<T> onPoolAsync(java.util.function.Supplier<T> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new HashingBusyException());
        }
    }

    /** Hashes waiting for a thread now. */
    int waiting() {
        return pool.getQueue().size();
    }

    private <T> T onPool(Callable<T> work) {
        Future<T> result;
        try {
            result = pool.submit(work);
        } catch (RejectedExecutionException e) {
            throw new HashingBusyException();
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing a password", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("password hashing failed", e.getCause());
        }
    }
}
