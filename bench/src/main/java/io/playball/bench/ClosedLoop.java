package io.playball.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A fixed number of workers, each sending its next request as soon as its last is answered, for a given time: the
 * rate that comes out is what the other side carries at that concurrency.
 */
final class ClosedLoop {

    /** One request of one worker: null when it was answered as expected, else what went wrong. */
    interface Request {
        String send(int worker) throws Exception;
    }

    /** @param latency each request's, in microseconds */
    record Result(long ok, long failed, long elapsedNanos, Histogram latency, List<String> failures) {

        double perSecond() {
            return ok / (elapsedNanos / 1e9);
        }
    }

    private final int workers;

    ClosedLoop(int workers) {
        this.workers = workers;
    }

    Result run(Duration length, Request request) throws Exception {
        Histogram latency = new ConcurrentHistogram(60_000_000L, 3);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bench-loop");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        long end = start + length.toNanos();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long sent = System.nanoTime();
                        String failure;
                        try {
                            failure = request.send(worker);
                        } catch (Exception e) {
                            failure = e.toString();
                        }
                        latency.recordValue(Math.min((System.nanoTime() - sent) / 1_000,
                                latency.getHighestTrackableValue()));
                        if (failure == null) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            if (failures.size() < 5) {
                                failures.add(failure);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        synchronized (failures) {
            return new Result(ok.get(), failed.get(), System.nanoTime() - start, latency, List.copyOf(failures));
        }
    }
}
