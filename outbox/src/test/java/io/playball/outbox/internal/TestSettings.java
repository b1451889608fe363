package io.playball.outbox.internal;

import java.time.Duration;

/** A relay's settings as the services run them, a 60 s lease over a 40 s longest send; each call is another server. */
final class TestSettings {

    static final Duration LEASE = Duration.ofSeconds(60);
    /** The channel's max.block.ms (5 s) and delivery.timeout.ms (30 s), and the 5 s margin for the servers' clocks. */
    static final Duration LONGEST_SEND = Duration.ofSeconds(40);
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private TestSettings() {
    }

    static OutboxSettings outboxSettings() {
        OutboxSettings settings = new OutboxSettings();
        settings.claimLeaseMs = LEASE.toMillis();
        settings.maxBlockMs = 5_000;
        settings.deliveryTimeoutMs = 30_000;
        settings.initialBackoffMs = FIRST_BACKOFF.toMillis();
        settings.maxBackoffMs = 30_000;
        settings.vacuumAfterRows = 0;  // Derby has nothing to vacuum
        settings.maxRequestSize = 1_114_112;  // the channels' max.request.size: room for a mebibyte's payload
        return settings;
    }
}
