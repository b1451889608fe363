package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * drain: hold auth's outbox relay, commit a backlog of changes behind it, release it and time how fast the relay,
 * Kafka and groups' consumer work it off: the catch-up rate after a broker outage, say. The hold is always released,
 * whatever happens to the run.
 */
final class DrainScenario {

    private final Options options;
    private final BenchSetup setup;

    DrainScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, 8);
    }

    Report run() throws Exception {
        setup.awaitReady();
        LagCollector lagLog = new LagCollector(setup);
        List<BenchUser> users = setup.register("bench", options.users());
        awaitEmptyOutbox();  // else the users' registrations would drain with the backlog, uncounted
        // taken before the hold, so that a change that slips past a hold that did not hold is still found
        long[] cursor = lagLog.newest();
        int changes = options.changes();
        System.out.printf("drain: %d users, %d changes behind the relay hold against %s%n", users.size(), changes,
                options.baseUrl());

        Report report = new Report("drain", options, setup.run);
        Burst.Result burst;
        long pending;
        Instant released;
        long releasedNanos;
        ProcessCpu cpu = new ProcessCpu();
        ProcessCpu.Snapshot cpuBefore;
        ServerProfiler profiler;
        try (RelayHold hold = RelayHold.on(setup)) {
            burst = new Burst(setup, users, options.inFlight()).run(changes);
            JsonObject state = setup.client.relayHold(setup.admin());
            pending = state.getJsonNumber("pending").longValue();
            System.out.printf("queued %d changes in %.1f s (%.0f/s); outbox: %s%n", burst.committed().size(),
                    burst.elapsedNanos() / 1e9, burst.committedPerSecond(), state);
            if (!state.getBoolean("held", false) || pending < burst.committed().size()) {
                report.note("The outbox held " + pending + " rows for " + burst.committed().size() + " changes"
                        + (state.getBoolean("held", false) ? "" : ", and the relay was not held")
                        + ": some were sent before the release (another server sharing the database?), so the"
                        + " drain figures understate the backlog.");
            }
            profiler = options.profile() == null ? null : ServerProfiler.start("playball", options.profile());
            cpuBefore = cpu.snapshot();
            released = Instant.now();
            releasedNanos = System.nanoTime();
            hold.release();
        }
        System.out.println("released the relay; waiting for groups to apply the backlog");
        LagCollector.Lag lag = lagLog.collect(cursor, burst.committed(), released);
        long observedMillis = (System.nanoTime() - releasedNanos) / 1_000_000;
        Map<String, Double> cpuSeconds = cpu.snapshot().secondsSince(cpuBefore);
        Profile profile = profiler == null ? null : profiler.stop();
        long drainMillis = lag.lastApplied == null ? -1 : Duration.between(released, lag.lastApplied).toMillis();

        report.setting("changes", changes).setting("users", users.size()).setting("inFlight", options.inFlight());
        report.figure("changesQueued", burst.committed().size()).figure("pendingAtRelease", pending)
                .figure("drainMillis", drainMillis).figure("drainObservedMillis", observedMillis)
                .figure("drainEventsPerSecond", drainMillis > 0 ? Math.round(lag.matched * 1000.0 / drainMillis) : 0)
                .figure("ledgerCommitted", burst.committed().size()).figure("ledgerApplied", lag.matched)
                .figure("ledgerMissing", burst.committed().size() - lag.matched)
                .figure("appliedLogMissed", lag.missed);
        report.figure("queueRatePerSecond", Math.round(burst.committedPerSecond()))
                .figure("conflictsRetried", burst.conflicts()).figure("errors", burst.errors());
        report.latency("httpLatencyMs", burst.http());
        report.latency("commitToAppliedLagWithHoldMs", lag.histogram);
        report.cpuPerThousand("cpuSecondsPer1kEvents", cpuSeconds, lag.matched);
        if (profile != null) {
            report.profile(profile);
        }
        report.detail("appliedPerSecond", appliedPerSecond(lag));
        report.samples("errorSamples", burst.errorSamples());
        report.note("drainMillis: from the bench sending the release to the server's appliedAt of the last change,"
                + " so bench and server must share a clock (one machine); drainObservedMillis is the bench's clock"
                + " alone, until its poll saw the last change (an upper bound). drainEventsPerSecond is"
                + " ledgerApplied over drainMillis.");
        report.note("cpuSecondsPer1kEvents and the profile: from the release until the bench saw the last change"
                + " applied, so the bench's own polling of the applied-events log is in them.");
        report.note("commitToAppliedLagWithHoldMs includes the time a change waited behind the hold: it measures the"
                + " backlog, not the pipeline.");
        return report;
    }

    private void awaitEmptyOutbox() {
        Instant deadline = Instant.now().plusSeconds(60);
        long pending;
        while ((pending = setup.client.relayHold(setup.admin()).getJsonNumber("pending").longValue()) > 0) {
            if (Instant.now().isAfter(deadline)) {
                System.out.printf("the outbox still has %d rows; holding anyway%n", pending);
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /** Events applied in each second since the release, and in all by then; quiet seconds count as 0. */
    private static JsonArray appliedPerSecond(LagCollector.Lag lag) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        if (lag.perSecond.isEmpty()) {
            return points.build();
        }
        long cumulative = 0;
        for (long s = 0; s <= lag.perSecond.lastKey(); s++) {
            Histogram h = lag.perSecond.get(s);
            long count = h == null ? 0 : h.getTotalCount();
            cumulative += count;
            points.add(Json.createObjectBuilder().add("second", s).add("count", count).add("cumulative", cumulative));
        }
        return points.build();
    }
}
