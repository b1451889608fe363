package io.playball.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Display-name changes at a fixed rate for a fixed time, spread over pre-registered users with one change in flight
 * per user (so that each knows its version). A change that finds every user busy is skipped, not queued: the server is
 * behind the rate, and a queue would hide it.
 */
final class Load {

    private final PlayBallClient client;
    private final String run;
    private final Turns<BenchUser> turns;

    Load(PlayBallClient client, List<BenchUser> users, String run) {
        this.client = client;
        this.run = run;
        this.turns = new Turns<>(users, u -> u.busy);
    }

    /**
     * What one run sent and got back.
     *
     * @param http       HTTP latency of each change, microseconds
     * @param committed  "userId/version" of each change auth committed
     * @param elapsedNanos how long sending took, which the achieved rate is over
     */
    record Result(long scheduled, long skipped, long ok, long errors, long elapsedNanos, Histogram http,
                  Set<String> committed, List<String> errorSamples) {

        long sent() {
            return scheduled - skipped;
        }

        double achievedPerSecond() {
            return ok / (elapsedNanos / 1e9);
        }
    }

    /** Sends {@code rate × seconds} changes on schedule, then waits for the last answers. */
    Result run(int rate, int seconds, String label) {
        Histogram http = new ConcurrentHistogram(60_000_000L, 3);  // recorded from the HTTP client's threads
        Set<String> committed = ConcurrentHashMap.newKeySet();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        long skipped = 0;
        long total = (long) rate * seconds;
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        long lastReport = start;
        for (long i = 0; i < total; i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            BenchUser user = turns.takeIdle();
            if (user == null) {
                skipped++;  // every user has a change in flight: the server is behind this rate
                continue;
            }
            long sent = System.nanoTime();
            String name = "Bench " + run + " " + label + i;
            PlayBallClient server = user.server != null ? user.server : client;
            server.rename(user.token, name, user.version).whenComplete((response, failure) -> {
                http.recordValue(Math.min((System.nanoTime() - sent) / 1_000, http.getHighestTrackableValue()));
                if (failure == null && response.statusCode() == 200) {
                    long version = PlayBallClient.json(response.body()).getJsonNumber("version").longValue();
                    user.version = version;
                    committed.add(user.key(version));
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(failure != null ? failure.toString() : PlayBallClient.describe(response));
                    }
                    if (failure != null || response.statusCode() == 409) {
                        resync(server, user);  // a change that timed out here may have committed there
                    }
                }
                user.busy.set(false);
            });
            if (System.nanoTime() - lastReport >= 1_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  %s%3d s: sent %d, ok %d, errors %d, skipped %d%n", label,
                        (lastReport - start) / 1_000_000_000L, i + 1 - skipped, ok.get(), errors.get(), skipped);
            }
        }
        long elapsed = System.nanoTime() - start;
        turns.awaitIdle();
        List<String> samples;
        synchronized (errorSamples) {
            samples = List.copyOf(errorSamples);
        }
        return new Result(total, skipped, ok.get(), errors.get(), elapsed, http, committed, samples);
    }

    /** Reads the user's version again, so that one lost answer does not make every later change a 409. */
    private static void resync(PlayBallClient server, BenchUser user) {
        try {
            user.version = server.me(user.token).getJsonNumber("version").longValue();
        } catch (RuntimeException e) {
            // the next change finds out again
        }
    }
}
