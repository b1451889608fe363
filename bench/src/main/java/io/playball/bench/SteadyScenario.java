package io.playball.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

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
        try (HeldKeys held = HeldKeys.hold(options, options.heldKeys())) {
            if (options.servers() == 1) {
                return measure(held);
            }
            try (SecondServer second = new SecondServer(java.nio.file.Path.of(options.wlp()), "playball")) {
                second.start();
                return measure(held, setup.addServer(second.baseUrl(), 8));
            }
        }
    }

    /**
     * @param held   keys the relay cannot send for the whole run (none unless --held-keys)
     * @param others the servers besides the first: every other user's changes go to one of them
     */
    private Report measure(HeldKeys held, PlayBallClient... others) throws Exception {
        LagCollector lagLog = new LagCollector(setup);
        List<BenchUser> samplers = setup.register("sampler", options.samplers());
        List<BenchUser> users = setup.register("bench", options.users());
        for (int i = 0; i < users.size() && others.length > 0; i++) {
            users.get(i).server = i % (others.length + 1) == 0 ? null : others[i % (others.length + 1) - 1];
        }
        setup.createOwnGroups(samplers);
        GroupLoad groupTraffic = options.groupRate() == 0 ? null : groupLoad();
        GroupEventsReader groupEvents = groupTraffic == null ? null
                : new GroupEventsReader(options.kafkaBootstrap(), groupTraffic.groupIds()).start();
        Load traffic = new Load(setup.client, users, setup.run);
        VisibilitySampler visibility = new VisibilitySampler(setup.client, samplers, setup.run);
        HeapSampler heap = new HeapSampler(setup.client);
        // the samplers start with the warm-up: their first requests take cold paths of the server (the groups API,
        // /metrics) and made the first measured second's lag p99 100-400 ms when they started with the run
        visibility.start();
        heap.start();
        Load.Result load;
        Load.Result groupLoad = null;
        long[] cursor;
        ProcessCpu cpu = new ProcessCpu();
        ProcessCpu.Snapshot cpuBefore;
        Instant started;
        Profile profile = null;
        try {
            CompletableFuture<Load.Result> groupWarmUp = groupTraffic == null || options.warmupSeconds() <= 0 ? null
                    : CompletableFuture.supplyAsync(() -> groupTraffic.run(options.groupRate(),
                            options.warmupSeconds(), "[warm-up] "));
            if (warmUp(traffic, options.rate(), options.warmupSeconds())) {
                visibility.take();
                heap.restart();
            }
            if (groupWarmUp != null) {
                groupWarmUp.join();
            }
            System.out.printf("steady: %d users, %d changes/s for %d s against %s%n",
                    users.size(), options.rate(), options.seconds(), options.baseUrl());
            cursor = lagLog.newest();
            cpuBefore = cpu.snapshot();
            started = Instant.now();
            ServerProfiler profiler = options.profile() == null ? null : ServerProfiler.start("playball",
                    options.profile());
            CompletableFuture<Load.Result> groupRun = null;
            if (groupTraffic != null) {
                groupEvents.measureFrom(started);
                groupRun = CompletableFuture.supplyAsync(() -> groupTraffic.run(options.groupRate(),
                        options.seconds(), ""));
            }
            load = traffic.run(options.rate(), options.seconds(), "");
            groupLoad = groupRun == null ? null : groupRun.join();
            profile = profiler == null ? null : profiler.stop();
        } finally {
            visibility.stop();
            heap.stop();
        }
        System.out.printf("sent for %.1f s: %d ok (%.0f/s), %d errors, %d skipped; waiting for groups to apply%n",
                load.elapsedNanos() / 1e9, load.ok(), load.achievedPerSecond(), load.errors(), load.skipped());
        LagCollector.Lag lag = lagLog.collect(cursor, load.committed(), others.length == 0 ? null : started);
        long groupEventsReceived = groupEvents == null ? 0 : groupEvents.awaitReceived(groupLoad.ok());
        Map<String, Double> cpuSeconds = cpu.snapshot().secondsSince(cpuBefore);
        VisibilitySampler.Interval seen = visibility.take();
        List<HeldKeys.Attempts> heldAttempts = held.attempts();

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
        report.figure("userEventsPerSecond", Math.round(lag.matched / (load.elapsedNanos() / 1e9)));
        if (!heldAttempts.isEmpty()) {
            report.setting("heldKeys", heldAttempts.size());
            report.figure("heldKeyAttemptsLeast", heldAttempts.stream().mapToInt(HeldKeys.Attempts::count).min()
                    .orElseThrow());
            report.samples("heldKeyLastErrors", heldAttempts.stream().map(HeldKeys.Attempts::lastError).toList());
            report.note("Held keys: each had one row in auth's outbox, written before the warm-up, that the producer"
                    + " refuses (larger than its max.request.size), so the relay kept failing it and backing it off"
                    + " for the whole run; heldKeyAttemptsLeast is the fewest failed sends of any of them by the end"
                    + " (-1: a row was gone). The users' keys are all others.");
        }
        if (groupLoad != null) {
            groupEvents.close();
            report.setting("groupRate", options.groupRate()).setting("groups", options.groups());
            report.figure("groupChangesOk", groupLoad.ok()).figure("groupChangesErrors", groupLoad.errors())
                    .figure("groupChangesSkipped", groupLoad.skipped())
                    .figure("groupEventsReceived", groupEventsReceived)
                    .figure("groupEventsMissing", groupLoad.ok() - groupEventsReceived)
                    .figure("groupEventsPerSecond", Math.round(groupEventsReceived / (groupLoad.elapsedNanos() / 1e9)));
            report.latency("groupHttpLatencyMs", groupLoad.http());
            report.latency("changeToGroupEventReceivedMs", groupEvents.lag());
            report.percentiles("changeToGroupEventReceivedPercentiles", groupEvents.lag());
            report.samples("groupErrorSamples", groupLoad.errorSamples());
            report.note("Group changes beside the user load: each bench group goes round a member joining, the group"
                    + " renamed, the member leaving; each change that succeeds is one event on group-events."
                    + " changeToGroupEventReceivedMs: from the change's occurredAt (in its transaction) until the"
                    + " bench's own consumer of group-events received it (the product consumes no group events);"
                    + " commitToAppliedLagMs stays the user events' lag until groups applied them;"
                    + " cpuSecondsPer1kEvents counts both topics' events.");
        }
        report.cpuPerThousand("cpuSecondsPer1kEvents", cpuSeconds, lag.matched + groupEventsReceived);
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
     * Groups for the group load, each owned by a user of its own, with a member of its own that joins and leaves:
     * the members first, so that groups knows them by the time their groups exist.
     */
    private GroupLoad groupLoad() throws Exception {
        List<BenchUser> members = setup.register("member", options.groups());
        List<BenchUser> owners = setup.register("owner", options.groups());
        setup.createOwnGroups(owners);
        List<GroupLoad.Slot> slots = new ArrayList<>();
        for (int i = 0; i < owners.size(); i++) {
            slots.add(new GroupLoad.Slot(owners.get(i), members.get(i).id));
        }
        return new GroupLoad(setup.client, slots, setup.run);
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
