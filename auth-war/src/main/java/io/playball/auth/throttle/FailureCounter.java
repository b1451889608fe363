package io.playball.auth.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed attempts per key (an account, a client address) within a window. Below the limit nothing happens; each
 * failure from the limit on blocks the key, for twice as long as the block before, up to a ceiling. A key whose last
 * failure is older than the window starts afresh, and a success forgets it. In memory, per server, and at most
 * {@code capacity} keys: the least recently touched are dropped first, so a flood of new keys cannot fill the heap.
 */
final class FailureCounter {

    private final Policy policy;
    private final Clock clock;
    private final Map<String, Failures> entries;

    /**
     * @param limit failures allowed within the window before the first block
     * @param window how long a failure is remembered
     * @param firstBlock the first block; each later one doubles, up to {@code maxBlock}
     */
    record Policy(int limit, Duration window, Duration firstBlock, Duration maxBlock, int capacity) {
        Policy {
            if (limit < 1 || window.isNegative() || firstBlock.isNegative() || maxBlock.compareTo(firstBlock) < 0
                    || capacity < 1) {
                throw new IllegalArgumentException("invalid throttle policy: " + this);
            }
        }
    }

    private record Failures(int failures, Instant lastFailure, Instant blockedUntil) {
    }

    FailureCounter(Policy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > policy.capacity();
            }
        };
    }

    /** How long the key is still blocked, if it is. */
    synchronized Optional<Duration> blockedFor(String key) {
        Instant now = clock.instant();
        Failures e = current(key, now);
        if (e == null || e.blockedUntil() == null || !e.blockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, e.blockedUntil()));
    }

    synchronized void failed(String key) {
        Instant now = clock.instant();
        Failures e = current(key, now);
        int failures = (e == null ? 0 : e.failures()) + 1;
        Instant blockedUntil = failures < policy.limit() ? null : now.plus(block(failures - policy.limit()));
        entries.put(key, new Failures(failures, now, blockedUntil));
    }

    synchronized void succeeded(String key) {
        entries.remove(key);
    }

    /**
     * Takes back one failure counted ahead of its outcome, which turned out not to be one; a block that failure set
     * is lifted with it.
     */
    synchronized void refund(String key) {
        Instant now = clock.instant();
        Failures e = current(key, now);
        if (e == null) {
            return;
        }
        int failures = e.failures() - 1;
        if (failures <= 0) {
            entries.remove(key);
            return;
        }
        Instant blockedUntil = failures < policy.limit() ? null : e.blockedUntil();
        entries.put(key, new Failures(failures, e.lastFailure(), blockedUntil));
    }

    /** The entry, or null if there is none or its failures have expired. */
    private Failures current(String key, Instant now) {
        Failures e = entries.get(key);
        if (e != null && now.isAfter(e.lastFailure().plus(policy.window()))
                && (e.blockedUntil() == null || now.isAfter(e.blockedUntil()))) {
            entries.remove(key);
            return null;
        }
        return e;
    }

    /** The {@code n}-th block after the limit (0 for the first): doubled each time, capped. */
    private Duration block(int n) {
        Duration block = policy.firstBlock();
        for (int i = 0; i < n && block.compareTo(policy.maxBlock()) < 0; i++) {
            block = block.multipliedBy(2);
        }
        return block.compareTo(policy.maxBlock()) > 0 ? policy.maxBlock() : block;
    }
}
