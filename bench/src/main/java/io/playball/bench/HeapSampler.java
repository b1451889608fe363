package io.playball.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The server's used heap, read from Liberty's base metrics once a second while a scenario runs: the heap
 * budget is about the largest value seen. Used heap includes garbage not yet collected, so the figure is an upper
 * bound on what the server needs.
 */
final class HeapSampler {

    private static final double MIB = 1024 * 1024;

    private final PlayBallClient client;
    private volatile boolean running;
    private volatile double usedMax;
    private volatile double limit = Double.NaN;
    private volatile long samples;
    private Thread thread;

    HeapSampler(PlayBallClient client) {
        this.client = client;
    }

    void start() {
        running = true;
        thread = new Thread(this::loop, "bench-heap");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            thread.join(Duration.ofSeconds(15).toMillis());
        }
    }

    /** Forgets the readings so far (a warm-up's). */
    void restart() {
        usedMax = 0;
        samples = 0;
    }

    /** Adds the figures: the largest used heap seen and the JVM's maximum, in MiB. */
    void report(Report report) {
        report.figure("heapUsedMaxMiB", Math.round(usedMax / MIB))
                .figure("heapMaxMiB", Double.isNaN(limit) ? -1 : Math.round(limit / MIB))
                .figure("heapSamples", samples);
    }

    private void loop() {
        while (running) {
            try {
                double used = client.metric("base", "memory_usedHeap_bytes");
                if (!Double.isNaN(used)) {
                    usedMax = Math.max(usedMax, used);
                    samples++;
                }
                limit = client.metric("base", "memory_maxHeap_bytes");
            } catch (RuntimeException e) {
                // a missed reading: the next one comes a second later
            }
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
        }
    }
}
