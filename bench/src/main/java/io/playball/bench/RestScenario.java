package io.playball.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * rest: display-name changes as fast as auth answers them, a fixed number in flight, with the relay and the consumer
 * running as in production. Measures what the REST path carries (changes/s, HTTP latency) and checks the ledger and
 * the lag of what that throughput puts behind it.
 */
final class RestScenario {

    private final Options options;
    private final BenchSetup setup;

    RestScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, 8);
    }

    Report run() throws Exception {
        setup.awaitReady();
        LagCollector lagLog = new LagCollector(setup);
        List<BenchUser> users = setup.register("bench", options.users());
        long[] cursor = lagLog.newest();
        System.out.printf("rest: %d changes by %d users, %d in flight, against %s%n", options.changes(),
                users.size(), options.inFlight(), options.baseUrl());
        HeapSampler heap = new HeapSampler(setup.client);
        Instant started = Instant.now();
        heap.start();
        ProcessCpu cpu = new ProcessCpu();
        ProcessCpu.Snapshot cpuBefore = cpu.snapshot();
        ServerProfiler profiler = options.profile() == null ? null : ServerProfiler.start("playball",
                options.profile());
        Burst.Result burst;
        try {
            burst = new Burst(setup, users, options.inFlight()).run(options.changes());
        } finally {
            heap.stop();
        }
        Profile profile = profiler == null ? null : profiler.stop();
        System.out.printf("committed %d changes in %.1f s (%.0f/s); waiting for groups to apply%n",
                burst.committed().size(), burst.elapsedNanos() / 1e9, burst.committedPerSecond());
        LagCollector.Lag lag = lagLog.collect(cursor, burst.committed(), started);
        Map<String, Double> cpuSeconds = cpu.snapshot().secondsSince(cpuBefore);

        Report report = new Report("rest", options, setup.run);
        report.setting("changes", options.changes()).setting("users", users.size())
                .setting("inFlight", options.inFlight());
        report.figure("changesPerSecond", Math.round(burst.committedPerSecond()))
                .figure("conflictsRetried", burst.conflicts()).figure("errors", burst.errors());
        report.latency("httpLatencyMs", burst.http());
        report.latency("commitToAppliedLagMs", lag.histogram);
        report.figure("ledgerCommitted", burst.committed().size()).figure("ledgerApplied", lag.matched)
                .figure("ledgerMissing", burst.committed().size() - lag.matched)
                .figure("appliedLogMissed", lag.missed);
        report.cpuPerThousand("cpuSecondsPer1kEvents", cpuSeconds, lag.matched);
        heap.report(report);
        if (profile != null) {
            report.profile(profile);
        }
        report.series("lagPerSecond", lag.perSecond);
        report.percentiles("httpLatencyPercentiles", burst.http())
                .percentiles("commitToAppliedLagPercentiles", lag.histogram);
        report.samples("errorSamples", burst.errorSamples());
        report.note("cpuSecondsPer1kEvents: as in steady, from /proc, from the start of the burst until groups had"
                + " applied every change; a noisy machine moves it less than the rate.");
        report.note("A closed loop: each of the inFlight workers sends its next change when the last one is answered,"
                + " so changesPerSecond is what the server carries at that concurrency and httpLatencyMs what a client"
                + " waits then. A 409 (another change of the same user won) is retried and counted, not an error.");
        return report;
    }
}
