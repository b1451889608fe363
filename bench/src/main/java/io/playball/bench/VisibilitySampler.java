package io.playball.bench;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What a user sees, end to end: about once a second one sampler renames itself and, from the 200 on, reads its own
 * group until its member entry shows the new name. That spans the relay, Kafka and groups' consumer, which the
 * applied-events lag covers too, plus the read path. Samplers are not among the load's users, so their changes stay
 * out of the rate and the ledger (they are ordinary events otherwise).
 */
final class VisibilitySampler {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final long HIGHEST = 60_000_000L;  // microseconds

    /** The samples since the previous {@link #take()}. */
    record Interval(Histogram micros, long timeouts, long errors) {
    }

    private final PlayBallClient client;
    private final List<BenchUser> samplers;
    private final String run;
    private Histogram micros = new Histogram(HIGHEST, 3);
    private long timeouts;
    private long errors;
    private volatile boolean running;
    private Thread thread;

    VisibilitySampler(PlayBallClient client, List<BenchUser> samplers, String run) {
        this.client = client;
        this.samplers = samplers;
        this.run = run;
    }

    void start() {
        if (samplers.isEmpty()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "bench-visibility");
        thread.setDaemon(true);
        thread.start();
    }

    /** Lets the sample in progress finish, so that it is not cut short and counted as a timeout. */
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            thread.join(DEADLINE.plusSeconds(5).toMillis());
        }
    }

    synchronized Interval take() {
        Interval taken = new Interval(micros, timeouts, errors);
        micros = new Histogram(HIGHEST, 3);
        timeouts = 0;
        errors = 0;
        return taken;
    }

    private void loop() {
        long start = System.nanoTime();
        long n = 0;
        while (running) {
            sample(samplers.get((int) (n % samplers.size())), n);
            // once a second; a slow sample delays the next rather than causing a burst to catch up
            n = Math.max(n + 1, (System.nanoTime() - start) / 1_000_000_000L);
            long wait = start + n * 1_000_000_000L - System.nanoTime();
            if (wait > 0 && running) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void sample(BenchUser sampler, long n) {
        String name = "Sampler " + run + " " + n;
        try {
            HttpResponse<String> r = client.renameNow(sampler.token, name, sampler.version);
            if (r.statusCode() != 200) {
                sampler.version = client.me(sampler.token).getJsonNumber("version").longValue();
                failed();
                return;
            }
            long committed = System.nanoTime();
            sampler.version = PlayBallClient.json(r.body()).getJsonNumber("version").longValue();
            long deadline = committed + DEADLINE.toNanos();
            while (!shows(client.group(sampler.token, sampler.groupId), sampler.id, name)) {
                if (System.nanoTime() > deadline) {
                    timedOut();
                    return;
                }
                // 5 ms: each poll is a request the server serves besides the load (at 1 ms, five samplers added
                // up to a few hundred reads a second and slowed the run they measured)
                LockSupport.parkNanos(5_000_000L);
            }
            record((System.nanoTime() - committed) / 1_000);
        } catch (RuntimeException e) {
            failed();
        }
    }

    private static boolean shows(JsonObject group, String userId, String displayName) {
        return group.getJsonArray("members").getValuesAs(JsonObject.class).stream()
                .anyMatch(m -> m.getString("userId").equals(userId) && displayName.equals(m.getString("displayName",
                        null)));
    }

    private synchronized void record(long value) {
        micros.recordValue(Math.min(value, HIGHEST));
    }

    private synchronized void timedOut() {
        timeouts++;
    }

    private synchronized void failed() {
        errors++;
    }
}
