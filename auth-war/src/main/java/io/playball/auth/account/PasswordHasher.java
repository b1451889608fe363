package io.playball.auth.account;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hashes and verifies passwords with Argon2id, on a pool of its own whose queue is sized by a wait budget. Hashing is
 * deliberately expensive: run on request threads, a flood of logins would take every core from every other request.
 * A hash that would not be done within the budget is refused at once ({@link HashingBusyException}, a 503).
 * Hashes stored by Jakarta Security's PBKDF2 before Argon2id still verify; {@link #isOutdated} tells the caller to
 * replace them at the next successful login.
 */
@ApplicationScoped
public class PasswordHasher {

    /** Verifies hashes stored before Argon2id: {@code PBKDF2WithHmacSHA512:<iterations>:<salt>:<hash>}. */
    @Inject
    Pbkdf2PasswordHash pbkdf2;

    /** OWASP's least-memory Argon2id setting, and Keycloak's default; lower them only for tests. */
    @Inject
    @ConfigProperty(name = "playball.password.argon2.memory", defaultValue = "7168")
    int memoryKiB;

    @Inject
    @ConfigProperty(name = "playball.password.argon2.iterations", defaultValue = "5")
    int iterations;

    /** Default: half the cores (at least one), so that hashing never has the whole machine. */
    @Inject
    @ConfigProperty(name = "playball.password.hash.threads")
    Optional<Integer> threads;

    /** Longest a hash may wait and run; one that would take longer is refused at once. */
    @Inject
    @ConfigProperty(name = "playball.password.hash.wait", defaultValue = "PT2S")
    Duration wait;

    @Resource
    ManagedThreadFactory threadFactory;

    /** Verified against when the username is unknown, so that the answer takes as long as for a wrong password. */
    private String decoy;
    private Argon2idHash argon2;
    private HashingPool pool;
    private final AtomicLong hashed = new AtomicLong();

    @PostConstruct
    void init() {
        argon2 = new Argon2idHash(new Argon2idHash.Parameters(memoryKiB, iterations, 1));
        long start = System.nanoTime();
        decoy = argon2.generate("decoy password that matches nothing".toCharArray());
        int n = threads.orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        pool = new HashingPool(n, wait, Duration.ofNanos(System.nanoTime() - start), threadFactory);
    }

    @PreDestroy
    void close() {
        pool.close();
    }

    /** @throws HashingBusyException if the hash would not be done within the wait budget */
    public String hash(String password) {
        try {
            return hashAsync(password).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** A new hash, made on the pool; fails with {@link HashingBusyException} if it would not be in time. */
    public CompletableFuture<String> hashAsync(String password) {
        return pool.submit(() -> counted(argon2.generate(password.toCharArray())));
    }

    /**
     * Verifies on the pool without holding the caller's thread: the stage completes when the hash is done, or at
     * once with {@link HashingBusyException}.
     */
    public CompletableFuture<Boolean> verifyAsync(String password, String stored) {
        return pool.submit(() -> counted(matches(password.toCharArray(), stored)));
    }

    /** The same work as a verification, against no stored hash (an unknown username): always false. */
    public CompletableFuture<Boolean> verifyDecoyAsync(String password) {
        return pool.submit(() -> counted(argon2.verify(password.toCharArray(), decoy) && false));
    }

    /** True if {@code stored} should be replaced by a new hash: another scheme, or Argon2id with other parameters. */
    public boolean isOutdated(String stored) {
        return !argon2.isCurrent(stored);
    }

    /** Hashes made or verified since start. */
    long hashed() {
        return hashed.get();
    }

    private boolean matches(char[] password, String stored) {
        return stored.startsWith(Argon2idHash.PREFIX) ? argon2.verify(password, stored) : pbkdf2.verify(password, stored);
    }

    private <T> T counted(T result) {
        hashed.incrementAndGet();
        return result;
    }
}
