package io.playball.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * steady: display-name changes at a fixed rate for a fixed time (see {@link Load}). Reports the achieved rate, HTTP
 * latency, the commit-to-applied lag of every change (see {@link LagCollector}), the ledger: changes committed by auth
 * against changes applied by groups, and how long a rename takes to show in a group (see {@link VisibilitySampler}).
 */
final class SteadyScenario {

    private final Options options;
    private final BenchSetup setup;

    SteadyScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, 8);
    }

    Report run() throws Exception {
        setup.awaitReady();
        if (options.servers() == 1) {
            return measure();
        }
        try (SecondServer second = new SecondServer(java.nio.file.Path.of(options.wlp()), "playball")) {
            second.start();
            return measure(setup.addServer(second.baseUrl(), 8));
        }
    }

    /** @param others the servers besides the first: every other user's changes go to one of them */
    private Report measure(PlayBallClient... others) throws Exception {
        LagCollector lagLog = new LagCollector(setup);
        List<BenchUser> samplers = setup.register("sampler", options.samplers());
        List<BenchUser> users = setup.register("bench", options.users());
        for (int i = 0; i < users.size() && others.length > 0; i++) {
            users.get(i).server = i % (others.length + 1) == 0 ? null : others[i % (others.length + 1) - 1];
        }
        setup.createOwnGroups(samplers);
        Load traffic = new Load(setup.client, users, setup.run);
        VisibilitySampler visibility = new VisibilitySampler(setup.client, samplers, setup.run);
        HeapSampler heap = new HeapSampler(setup.client);
        // the samplers start with the warm-up: their first requests take cold paths of the server (the groups API,
        // /metrics) and made the first measured second's lag p99 100-400 ms when they started with the run
        visibility.start();
        heap.start();
        Load.Result load;
        long[] cursor;
        ProcessCpu cpu = new ProcessCpu();
        ProcessCpu.Snapshot cpuBefore;
        Instant started;
        Profile profile = null;
        try {
            if (warmUp(traffic, options.rate(), options.warmupSeconds())) {
                visibility.take();
                heap.restart();
            }
            System.out.printf("steady: %d users, %d changes/s for %d s against %s%n",
                    users.size(), options.rate(), options.seconds(), options.baseUrl());
            cursor = lagLog.newest();
            cpuBefore = cpu.snapshot();
            started = Instant.now();
            ServerProfiler profiler = options.profile() == null ? null : ServerProfiler.start("playball",
                    options.profile());
            load = traffic.run(options.rate(), options.seconds(), "");
            profile = profiler == null ? null : profiler.stop();
        } finally {
            visibility.stop();
            heap.stop();
        }
        System.out.printf("sent for %.1f s: %d ok (%.0f/s), %d errors, %d skipped; waiting for groups to apply%n",
                load.elapsedNanos() / 1e9, load.ok(), load.achievedPerSecond(), load.errors(), load.skipped());
        LagCollector.Lag lag = lagLog.collect(cursor, load.committed(), others.length == 0 ? null : started);
        Map<String, Double> cpuSeconds = cpu.snapshot().secondsSince(cpuBefore);
        VisibilitySampler.Interval seen = visibility.take();

        Report report = new Report("steady", options, setup.run);
        report.setting("rate", options.rate()).setting("seconds", options.seconds()).setting("users", users.size())
                .setting("samplers", samplers.size()).setting("warmupSeconds", options.warmupSeconds())
                .setting("servers", options.servers());
        report.figure("changesScheduled", load.scheduled()).figure("changesSent", load.sent())
                .figure("skippedAllUsersBusy", load.skipped()).figure("changesOk", load.ok())
                .figure("errors", load.errors()).figure("achievedRatePerSecond", Math.round(load.achievedPerSecond()));
        report.latency("httpLatencyMs", load.http());
        report.latency("commitToAppliedLagMs", lag.histogram);
        report.figure("ledgerCommitted", load.committed().size()).figure("ledgerApplied", lag.matched)
                .figure("ledgerMissing", load.committed().size() - lag.matched)
                .figure("appliedLogMissed", lag.missed);
        report.latency("endToEndVisibilityMs", seen.micros()).figure("endToEndVisibilityTimeouts", seen.timeouts())
                .figure("endToEndVisibilityErrors", seen.errors());
        report.cpuPerThousand("cpuSecondsPer1kEvents", cpuSeconds, lag.matched);
        heap.report(report);
        if (profile != null) {
            report.profile(profile);
        }
        report.series("lagPerSecond", lag.perSecond);
        report.percentiles("httpLatencyPercentiles", load.http())
                .percentiles("commitToAppliedLagPercentiles", lag.histogram)
                .percentiles("endToEndVisibilityPercentiles", seen.micros());
        report.samples("errorSamples", load.errorSamples());
        report.note("endToEndVisibilityMs: a sampler's rename, from its 200 until its own group shows the new name;"
                + " about one a second, outside the rate and the ledger.");
        report.note("cpuSecondsPer1kEvents: CPU seconds per 1,000 events applied, from /proc, from the start of the"
                + " load until groups had applied every change: server = every Liberty server (REST, relay,"
                + " consumer), postgres = every PostgreSQL process, broker = the Kafka broker, bench = this load"
                + " generator; pipeline = all but the bench.");
        if (others.length > 0) {
            report.note("Two servers: every other user's changes went to the second (playball2, same EAR, database,"
                    + " broker and consumer group); the lag is read from both servers' applied-events logs, and"
                    + " heapUsedMaxMiB is the first server's.");
        }
        report.note("heapUsedMaxMiB: the server's used heap (memory_usedHeap_bytes, garbage included), largest of one"
                + " reading a second during the load.");
        return report;
    }

    /**
     * The same load, unrecorded: what it commits is outside the ledger and the lag of the run that follows.
     *
     * @return whether there was a warm-up, whose samples the caller then drops
     */
    static boolean warmUp(Load traffic, int rate, int seconds) {
        if (seconds <= 0) {
            return false;
        }
        System.out.printf("warm-up: %d changes/s for %d s, not recorded%n", rate, seconds);
        traffic.run(rate, seconds, "[warm-up] ");
        return true;
    }
}
