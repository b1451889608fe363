package io.playball.bench;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * steady: display-name changes at a fixed rate for a fixed time, spread over pre-registered users (one request in
 * flight per user, so that each knows its version). Reports the achieved rate, HTTP latency, the commit-to-applied
 * lag of every change (groups' applied-events log: the event's occurredAt against the commit of the transaction that
 * applied it) and the ledger: changes committed by auth against changes applied by groups.
 */
final class SteadyScenario {

    private static final Duration APPLY_DEADLINE = Duration.ofSeconds(60);

    private final Options options;
    private final PlayBallClient client;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    SteadyScenario(Options options) {
        this.options = options;
        this.client = new PlayBallClient(options.baseUrl(), 8);
    }

    /** A pre-registered user; {@code busy} while a change of theirs is in flight. */
    private static final class BenchUser {
        final PlayBallClient.Token token;
        final String id;
        volatile long version;
        final AtomicBoolean busy = new AtomicBoolean();

        BenchUser(PlayBallClient.Token token, String id, long version) {
            this.token = token;
            this.id = id;
            this.version = version;
        }
    }

    Report run() throws Exception {
        awaitReady();
        PlayBallClient.Token admin = adminToken();
        long cursor = client.appliedEvents(admin, 0, 1).getJsonNumber("newest").longValue();
        List<BenchUser> users = registerUsers();
        System.out.printf("steady: %d users, %d changes/s for %d s against %s%n",
                users.size(), options.rate(), options.seconds(), options.baseUrl());

        Histogram http = new ConcurrentHistogram(60_000_000L, 3);  // microseconds, recorded from client threads
        Set<String> committed = ConcurrentHashMap.newKeySet();  // "userId/version"
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        List<String> errorSamples = Collections.synchronizedList(new ArrayList<>());
        long skipped = 0;
        long total = (long) options.rate() * options.seconds();
        long period = 1_000_000_000L / options.rate();
        long start = System.nanoTime();
        long lastReport = start;
        int next = 0;
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            BenchUser user = null;
            for (int tries = 0; tries < users.size() && user == null; tries++) {
                BenchUser candidate = users.get(next);
                next = (next + 1) % users.size();
                if (candidate.busy.compareAndSet(false, true)) {
                    user = candidate;
                }
            }
            if (user == null) {
                skipped++;  // every user has a change in flight: the server is behind this rate
                continue;
            }
            BenchUser u = user;
            long sent = System.nanoTime();
            client.rename(u.token, "Bench " + run + " " + i, u.version).whenComplete((response, failure) -> {
                http.recordValue(Math.min((System.nanoTime() - sent) / 1_000, http.getHighestTrackableValue()));
                if (failure == null && response.statusCode() == 200) {
                    long version = PlayBallClient.json(response.body()).getJsonNumber("version").longValue();
                    u.version = version;
                    committed.add(u.id + "/" + version);
                    ok.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    if (errorSamples.size() < 5) {
                        errorSamples.add(failure != null ? failure.toString() : describe(response));
                    }
                }
                u.busy.set(false);
            });
            if (System.nanoTime() - lastReport >= 1_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  %3d s: sent %d, ok %d, errors %d, skipped %d%n",
                        (lastReport - start) / 1_000_000_000L, i + 1 - skipped, ok.get(), errors.get(), skipped);
            }
        }
        long elapsed = System.nanoTime() - start;
        awaitIdle(users);
        double achieved = ok.get() / (elapsed / 1e9);
        System.out.printf("sent for %.1f s: %d ok (%.0f/s), %d errors, %d skipped; waiting for groups to apply%n",
                elapsed / 1e9, ok.get(), achieved, errors.get(), skipped);

        Lag lag = collectLag(admin, cursor, committed);
        Report report = new Report("steady", options, run);
        report.setting("rate", options.rate()).setting("seconds", options.seconds()).setting("users", users.size());
        report.figure("changesScheduled", total).figure("changesSent", total - skipped)
                .figure("skippedAllUsersBusy", skipped).figure("changesOk", ok.get())
                .figure("errors", errors.get()).figure("achievedRatePerSecond", Math.round(achieved));
        report.latency("httpLatencyMs", http);
        report.latency("commitToAppliedLagMs", lag.histogram);
        report.figure("ledgerCommitted", committed.size()).figure("ledgerApplied", lag.matched)
                .figure("ledgerMissing", committed.size() - lag.matched)
                .figure("appliedLogMissed", lag.missed);
        report.series("lagPerSecond", lag.perSecond);
        report.samples("errorSamples", errorSamples);
        return report;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!client.ready()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(options.baseUrl() + "/health/ready is not UP: start the server first");
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    private PlayBallClient.Token adminToken() {
        int status = client.register(options.adminUser(), "Bench administrator", options.adminPassword());
        if (status != 201 && status != 409) {
            throw new IllegalStateException("could not register " + options.adminUser() + ": HTTP " + status);
        }
        return client.login(options.adminUser(), options.adminPassword());
    }

    private List<BenchUser> registerUsers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<BenchUser>> futures = new ArrayList<>();
            for (int i = 0; i < options.users(); i++) {
                String username = "bench-" + run + "-" + i + "@playball.test";
                futures.add(pool.submit(() -> {
                    String password = "bench-password-" + run;
                    int status = client.register(username, "Bench user", password);
                    if (status != 201) {
                        throw new IllegalStateException("register " + username + ": HTTP " + status);
                    }
                    PlayBallClient.Token token = client.login(username, password);
                    JsonObject me = client.me(token);
                    return new BenchUser(token, me.getString("id"), me.getJsonNumber("version").longValue());
                }));
            }
            List<BenchUser> users = new ArrayList<>();
            for (Future<BenchUser> f : futures) {
                users.add(f.get());
            }
            return users;
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitIdle(List<BenchUser> users) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (users.stream().anyMatch(u -> u.busy.get()) && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Per-event lag of the committed changes, read from groups' applied-events log. */
    private static final class Lag {
        final Histogram histogram = new Histogram(3_600_000_000L, 3);  // microseconds
        final TreeMap<Long, Histogram> perSecond = new TreeMap<>();
        long matched;
        long missed;
    }

    private Lag collectLag(PlayBallClient.Token admin, long cursor, Set<String> committed) {
        Lag lag = new Lag();
        Set<String> seen = new HashSet<>();
        Instant first = null;
        Instant lastProgress = Instant.now();
        while (lag.matched < committed.size() && Duration.between(lastProgress, Instant.now())
                .compareTo(APPLY_DEADLINE) < 0) {
            JsonObject page = client.appliedEvents(admin, cursor, 20_000);
            lag.missed += page.getJsonNumber("missed").longValue();
            cursor = page.getJsonNumber("next").longValue();
            List<JsonObject> events = page.getJsonArray("events").getValuesAs(JsonObject.class);
            for (JsonObject e : events) {
                String key = e.getString("userId") + "/" + e.getJsonNumber("userVersion").longValue();
                if (committed.contains(key) && seen.add(key)) {
                    Instant occurred = Instant.parse(e.getString("occurredAt"));
                    Instant applied = Instant.parse(e.getString("appliedAt"));
                    long micros = Math.max(0, Duration.between(occurred, applied).toNanos() / 1_000);
                    lag.histogram.recordValue(Math.min(micros, lag.histogram.getHighestTrackableValue()));
                    first = first == null ? applied : first;
                    long second = Duration.between(first, applied).getSeconds();
                    lag.perSecond.computeIfAbsent(second, s -> new Histogram(3_600_000_000L, 3))
                            .recordValue(Math.min(micros, lag.histogram.getHighestTrackableValue()));
                    lag.matched++;
                }
            }
            if (!events.isEmpty()) {
                lastProgress = Instant.now();
            } else {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
        return lag;
    }

    private static String describe(HttpResponse<String> response) {
        String body = response.body();
        return "HTTP " + response.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) : body);
    }
}
