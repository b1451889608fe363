package io.playball.outbox.internal;

import java.util.EnumMap;
import java.util.Map;

/** The relay's figures counted in fields instead of registered on /metrics. */
final class CountingMetrics extends OutboxMetrics {

    private final Map<Path, Integer> sent = new EnumMap<>(Path.class);
    int failures;
    int claimsTooOld;

    @Override
    void sent(Path path) {
        sent.merge(path, 1, Integer::sum);
    }

    int sentBy(Path path) {
        return sent.getOrDefault(path, 0);
    }

    @Override
    void sendFailed() {
        failures++;
    }

    @Override
    void claimTooOld() {
        claimsTooOld++;
    }

    @Override
    void vacuumed() {
        throw new AssertionError("nothing to vacuum on Derby");
    }
}
