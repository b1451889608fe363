package io.playball.outbox.internal;

import java.time.Clock;

/** Wires a relay to the tests' broker, store and executor, as the container would inject them, and starts it. */
final class TestRelay {

    private TestRelay() {
    }

    static void start(OutboxRelay relay, TestPublisher broker, TransactionalStore store, OutboxSettings settings,
                      CountingMetrics metrics, TestResources resources, OutboxBatchLock batchLock, Clock clock) {
        OutboxVacuum vacuum = new OutboxVacuum();
        vacuum.settings = settings;
        relay.publisher = broker;
        relay.store = store;
        relay.settings = settings;
        relay.metrics = metrics;
        relay.resources = resources;
        relay.batchLock = batchLock;
        relay.vacuum = vacuum;
        relay.clock = clock;
        relay.start();
    }
}
