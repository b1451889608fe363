package io.playball.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * logins: what password hashing lets through. A burst of sign-ups sent at once, then right-password logins from a
 * fixed number of clients, each sending its next as soon as it has an answer, at 4, 8 and 16 clients in turn:
 * logins per second, answers by status and latency. Login capacity is the hash's cost over the cores it may take.
 */
final class LoginsScenario {

    private static final int[] CLIENTS = {4, 8, 16};
    private static final int ACCOUNTS = 32;

    private final Options options;
    private final BenchSetup setup;

    LoginsScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, options.burst() + 4);
    }

    Report run() throws Exception {
        setup.awaitReady();
        List<BenchUser> users = setup.register("logins", ACCOUNTS);
        Duration phase = Duration.ofSeconds(options.seconds());
        System.out.printf("logins: a burst of %d sign-ups, then %s clients logging in for %d s each, against %s%n",
                options.burst(), java.util.Arrays.toString(CLIENTS), options.seconds(), options.baseUrl());
        if (options.warmupSeconds() > 0) {
            new Logins(users, 8).runFor(Duration.ofSeconds(options.warmupSeconds()));
        }

        Map<Integer, Integer> burst = signUpBurst(options.burst());
        System.out.printf("sign-up burst of %d: %s%n", options.burst(), burst);

        Report report = new Report("logins", options, setup.run);
        report.setting("seconds", options.seconds()).setting("burst", options.burst())
                .setting("warmupSeconds", options.warmupSeconds());
        burst.forEach((status, n) -> report.figure("burst" + status + "Answers", n));
        for (int clients : CLIENTS) {
            Logins logins = new Logins(users, clients);
            double seconds = logins.runFor(phase);
            long ok = logins.count(200);
            System.out.printf("%2d clients: %.1f logins/s, answers %s, 200 p50 %.1f ms p99 %.1f ms%n", clients,
                    ok / seconds, logins.counts(), Report.ms(logins.latency.getValueAtPercentile(50)),
                    Report.ms(logins.latency.getValueAtPercentile(99)));
            report.figure("logins" + clients + "PerTenSeconds", Math.round(10 * ok / seconds));
            logins.counts().forEach((status, n) -> report.figure("logins" + clients + "Status" + status, n));
            report.latency("logins" + clients + "Ms", logins.latency);
        }
        report.note("The sign-ups are sent together from " + options.burst() + " threads released at once, each"
                + " answer taken as it came (no retry). Each login client is one kept-alive connection sending the"
                + " right password for one of " + ACCOUNTS + " accounts in turn; latency is of the 200s.");
        return report;
    }

    /** Status of each sign-up of a burst, released together; no retries. */
    private Map<Integer, Integer> signUpBurst(int n) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String username = "burst-" + setup.run + "-" + i + "@playball.test";
            answers.add(threads.submit(() -> {
                go.await();
                return setup.client.register(username, "Burst " + username.hashCode(), setup.password());
            }));
        }
        go.countDown();
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Future<Integer> a : answers) {
            counts.merge(a.get(60, TimeUnit.SECONDS), 1, Integer::sum);
        }
        threads.shutdown();
        return counts;
    }

    /** Closed-loop login clients over raw kept-alive connections. */
    private final class Logins {
        private final List<BenchUser> users;
        private final int clients;
        private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        final Histogram latency = new ConcurrentHistogram(60_000_000L, 3);

        Logins(List<BenchUser> users, int clients) {
            this.users = users;
            this.clients = clients;
        }

        /** @return the seconds it ran */
        double runFor(Duration length) throws InterruptedException {
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                int first = c;
                threads.submit(() -> {
                    try (RawLogin connection = new RawLogin(options.baseUrl())) {
                        for (int i = first; running.get(); i += clients) {
                            BenchUser user = users.get(i % users.size());
                            long sent = System.nanoTime();
                            int status = connection.attempt(user.username, setup.password(), null);
                            if (status == 200) {
                                latency.recordValue(Math.min((System.nanoTime() - sent) / 1000, 60_000_000L));
                            }
                            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        }
                    }
                });
            }
            Thread.sleep(length.toMillis());
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(60, TimeUnit.SECONDS);
            return (System.nanoTime() - start) / 1e9;
        }

        long count(int status) {
            LongAdder n = statuses.get(status);
            return n == null ? 0 : n.sum();
        }

        Map<Integer, Long> counts() {
            Map<Integer, Long> counts = new TreeMap<>();
            statuses.forEach((status, n) -> counts.put(status, n.sum()));
            return counts;
        }
    }
}
