package io.playball.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A given number of display-name changes, as fast as auth commits them: a fixed number of requests in flight, each
 * worker with users of its own so that every user has at most one change in flight. A 409 (stale version) is retried
 * with the version read again; a failed change is made again, up to an error budget.
 */
final class Burst {

    private static final int CONFLICT_RETRIES = 5;

    private final BenchSetup setup;
    private final List<BenchUser> users;
    private final int inFlight;

    /** @param inFlight requests in flight at once (at most one per user) */
    Burst(BenchSetup setup, List<BenchUser> users, int inFlight) {
        this.setup = setup;
        this.users = users;
        this.inFlight = inFlight;
    }

    /**
     * @param http      HTTP latency of each attempt, microseconds
     * @param committed "userId/version" of each committed change
     */
    record Result(long conflicts, long errors, long elapsedNanos, Histogram http, Set<String> committed,
                  List<String> errorSamples) {

        double committedPerSecond() {
            return committed.size() / (elapsedNanos / 1e9);
        }
    }

    Result run(int changes) throws Exception {
        Histogram http = new ConcurrentHistogram(60_000_000L, 3);
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicLong toMake = new AtomicLong(changes);
        AtomicLong conflicts = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long errorBudget = 100 + changes / 100;
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        int workers = Math.min(inFlight, users.size());
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "bench-burst");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                List<BenchUser> own = new ArrayList<>();
                for (int i = w; i < users.size(); i += workers) {
                    own.add(users.get(i));
                }
                running.add(pool.submit(() -> {
                    for (long n = 0; toMake.getAndDecrement() > 0 && errors.get() <= errorBudget; n++) {
                        BenchUser user = own.get((int) (n % own.size()));
                        String failure = change(user, "Burst " + setup.run + " " + n, http,
                                committed, conflicts);
                        if (failure != null) {
                            toMake.incrementAndGet();  // made again by whoever comes next
                            errors.incrementAndGet();
                            if (errorSamples.size() < 5) {
                                errorSamples.add(failure);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                while (!done(f)) {
                    long s = (System.nanoTime() - start) / 1_000_000_000L;
                    System.out.printf("  %3d s: committed %d of %d (%.0f/s), conflicts %d, errors %d%n", s,
                            committed.size(), changes, committed.size() / Math.max(1.0, s), conflicts.get(),
                            errors.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - start;
        if (errors.get() > errorBudget) {
            throw new IllegalStateException("more than " + errorBudget + " failed changes, e.g. " + errorSamples);
        }
        List<String> samples;
        synchronized (errorSamples) {
            samples = List.copyOf(errorSamples);
        }
        return new Result(conflicts.get(), errors.get(), elapsed, http, committed, samples);
    }

    /** One change, with its 409s retried; null when committed, else what went wrong. */
    private String change(BenchUser user, String name, Histogram http, Set<String> committed, AtomicLong conflicts) {
        try {
            for (int attempt = 0; attempt <= CONFLICT_RETRIES; attempt++) {
                long sent = System.nanoTime();
                HttpResponse<String> r = setup.client.renameNow(user.token, name, user.version);
                http.recordValue(Math.min((System.nanoTime() - sent) / 1_000, http.getHighestTrackableValue()));
                switch (r.statusCode()) {
                    case 200 -> {
                        user.version = PlayBallClient.json(r.body()).getJsonNumber("version").longValue();
                        committed.add(user.key(user.version));
                        return null;
                    }
                    case 409 -> {
                        conflicts.incrementAndGet();
                        user.version = setup.client.me(user.token).getJsonNumber("version").longValue();
                    }
                    case 401 -> setup.relogin(user);  // the token expired during a long burst
                    default -> {
                        return PlayBallClient.describe(r);
                    }
                }
            }
            return "still 409 after " + CONFLICT_RETRIES + " retries";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    /** Waits up to a second for the worker: false (after a progress line is due) while it still runs. */
    private static boolean done(Future<?> f) throws Exception {
        try {
            f.get(1, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException stillRunning) {
            return false;
        }
    }
}
