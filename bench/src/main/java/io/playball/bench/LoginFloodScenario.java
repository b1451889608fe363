package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * login-flood: what password guessing does to everyone else. One reader lists its groups twenty times a second,
 * first alone, then while attackers send wrong passwords as fast as they are answered. Reports the reader's latency
 * in both phases and, per status, how many answers the flood got and how fast.
 */
final class LoginFloodScenario {

    private static final Duration READ_EVERY = Duration.ofMillis(50);

    private final Options options;
    private final BenchSetup setup;

    LoginFloodScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, options.attackers() + 4);
    }

    Report run() throws Exception {
        setup.awaitReady();
        BenchUser reader = setup.register("flood-reader", 1).get(0);
        setup.createOwnGroups(List.of(reader));
        BenchUser victim = setup.register("flood-victim", 1).get(0);
        Duration phase = Duration.ofSeconds(options.seconds());
        System.out.printf("login-flood: %d attackers (%s), %d s alone then %d s flooded, against %s%n",
                options.attackers(), options.attack(), options.seconds(), options.seconds(), options.baseUrl());

        Reader alone = new Reader(reader);
        alone.runFor(phase);
        System.out.printf("reader alone: p50 %.1f ms, p99 %.1f ms%n", Report.ms(alone.latency.getValueAtPercentile(50)),
                Report.ms(alone.latency.getValueAtPercentile(99)));

        Flood flood = new Flood(victim.username);
        Instant floodStarted = Instant.now();
        flood.start();
        Reader flooded = new Reader(reader);
        try {
            flooded.runFor(phase);
        } finally {
            flood.stop();
        }
        double floodSeconds = Duration.between(floodStarted, Instant.now()).toMillis() / 1000.0;
        System.out.printf("reader during the flood: p50 %.1f ms, p99 %.1f ms; flood answers %s%n",
                Report.ms(flooded.latency.getValueAtPercentile(50)),
                Report.ms(flooded.latency.getValueAtPercentile(99)), flood.counts());

        Report report = new Report("login-flood", options, setup.run);
        report.setting("seconds", options.seconds()).setting("attackers", options.attackers())
                .setting("sprayed", options.attack().equals("spray") ? 1 : 0);
        report.latency("readerAloneMs", alone.latency).latency("readerDuringFloodMs", flooded.latency)
                .figure("readerErrors", alone.errors.get() + flooded.errors.get())
                .figure("floodAttemptsPerSecond", Math.round(flood.total() / floodSeconds));
        flood.latencies.forEach((status, h) -> {
            String name = status < 0 ? "NoAnswer" : String.valueOf(status);
            report.figure("flood" + name + "Answers", h.getTotalCount()).latency("flood" + name + "LatencyMs", h);
        });
        report.percentiles("readerAlonePercentiles", alone.latency)
                .percentiles("readerDuringFloodPercentiles", flooded.latency);
        report.note("The reader sends GET /groups/api/groups every 50 ms (a closed loop: the next waits for the"
                + " answer). The attackers send wrong passwords with one request each in flight, over kept-alive"
                + " connections; 'account' guesses at one account under one X-Forwarded-For address, 'spray' at a new"
                + " username under a new address each time. Only a server trusting this host as a proxy"
                + " (TRUSTED_PROXIES) believes those addresses; any other counts every guess against this host.");
        return report;
    }

    /** The reader: a read every 50 ms, latencies in microseconds; a non-200 is counted as an error. */
    private final class Reader {
        private final BenchUser user;
        final Histogram latency = new Histogram(60_000_000L, 3);
        final AtomicInteger errors = new AtomicInteger();

        Reader(BenchUser user) {
            this.user = user;
        }

        void runFor(Duration length) {
            Instant end = Instant.now().plus(length);
            while (Instant.now().isBefore(end)) {
                long start = System.nanoTime();
                int status;
                try {
                    status = setup.client.myGroups(user.token);
                } catch (RuntimeException e) {
                    status = -1;
                }
                long micros = (System.nanoTime() - start) / 1000;
                latency.recordValue(Math.min(micros, latency.getHighestTrackableValue()));
                if (status != 200) {
                    errors.incrementAndGet();
                }
                long pause = READ_EVERY.toNanos() - (System.nanoTime() - start);
                if (pause > 0) {
                    LockSupport.parkNanos(pause);
                }
            }
        }
    }

    /** The attackers: wrong passwords as fast as answered, latencies per status. */
    private final class Flood {
        private final String victim;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(options.attackers());
        private final Map<Integer, Recorder> recorders = new ConcurrentHashMap<>();
        final Map<Integer, Histogram> latencies = new java.util.TreeMap<>();
        private final AtomicInteger addresses = new AtomicInteger();
        /** 'account': one address, the attacker's, apart from the reader's (believed only behind a trusted proxy) */
        private final String attacker = address(new java.util.Random().nextInt(1 << 24));

        Flood(String victim) {
            this.victim = victim;
        }

        void start() {
            for (int i = 0; i < options.attackers(); i++) {
                threads.submit(this::attack);
            }
        }

        private void attack() {
            boolean spray = options.attack().equals("spray");
            try (RawLogin connection = new RawLogin(options.baseUrl())) {
                while (running.get()) {
                    String username = spray ? "nobody-" + UUID.randomUUID() + "@playball.test" : victim;
                    String forwarded = spray ? address(addresses.incrementAndGet()) : attacker;
                    long start = System.nanoTime();
                    int status = connection.attempt(username, "not the password", forwarded);
                    long micros = (System.nanoTime() - start) / 1000;
                    recorders.computeIfAbsent(status, s -> new Recorder(60_000_000L, 3)).recordValue(Math.min(micros,
                            60_000_000L));
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(60, TimeUnit.SECONDS);
            recorders.forEach((status, r) -> latencies.put(status, r.getIntervalHistogram()));
        }

        long total() {
            return latencies.values().stream().mapToLong(Histogram::getTotalCount).sum();
        }

        String counts() {
            JsonObjectBuilder b = Json.createObjectBuilder();
            latencies.forEach((status, h) -> b.add(String.valueOf(status), h.getTotalCount()));
            return b.build().toString();
        }

        private static String address(int n) {
            return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
        }
    }
}
