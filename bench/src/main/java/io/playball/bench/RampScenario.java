package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * ramp: steady steps at a rising rate. After each step it waits until groups has applied that step's changes and
 * stops at the first step that does not hold: lag p99 over the limit, an error, a change not applied, or the rate not
 * reached (under 90% achieved, or a change skipped because every user was busy). Reports the highest rate held.
 */
final class RampScenario {

    private static final double RATE_HELD = 0.9;

    private final Options options;
    private final BenchSetup setup;

    RampScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, 8);
    }

    /** One step's outcome; {@code failed} says why it did not hold, empty when it did. */
    private record Step(int asked, long achieved, long errors, long skipped, double httpP99Ms, double lagP50Ms,
                        double lagP99Ms, double lagMaxMs, long ledgerMissing, double visibilityP99Ms, String failed) {

        boolean passed() {
            return failed.isEmpty();
        }
    }

    Report run() throws Exception {
        if (options.start() < 1 || options.step() < 1 || options.start() > options.max()) {
            throw new IllegalArgumentException("ramp needs 1 <= --start <= --max and --step >= 1\n" + Options.USAGE);
        }
        setup.awaitReady();
        LagCollector lagLog = new LagCollector(setup);
        List<BenchUser> samplers = setup.register("sampler", options.samplers());
        List<BenchUser> users = setup.register("bench", options.users());
        setup.createOwnGroups(samplers);
        System.out.printf("ramp: %d users, %d to %d changes/s in steps of %d, %d s each, lag p99 limit %d ms,"
                + " against %s%n", users.size(), options.start(), options.max(), options.step(),
                options.stepSeconds(), options.limitMs(), options.baseUrl());

        Load load = new Load(setup.client, users, setup.run);
        VisibilitySampler visibility = new VisibilitySampler(setup.client, samplers, setup.run);
        Histogram seen = new Histogram(60_000_000L, 3);
        long timeouts = 0;
        List<Step> steps = new ArrayList<>();
        int held = 0;
        visibility.start();  // with the warm-up, if any: its first samples take the server's cold paths
        try {
            if (SteadyScenario.warmUp(load, options.start(), options.warmupSeconds())) {
                visibility.take();
            }
            for (int rate = options.start(); rate <= options.max(); rate += options.step()) {
                setup.refreshTokens(users);
                setup.refreshTokens(samplers);
                long[] cursor = lagLog.newest();
                Load.Result r = load.run(rate, options.stepSeconds(), "[" + rate + "/s] ");
                LagCollector.Lag lag = lagLog.collect(cursor, r.committed(), null);
                VisibilitySampler.Interval v = visibility.take();
                seen.add(v.micros());
                timeouts += v.timeouts();
                Step step = step(rate, r, lag, v);
                steps.add(step);
                System.out.printf("[%d/s] achieved %d/s, errors %d, skipped %d, lag p50 %.1f ms p99 %.1f ms: %s%n",
                        rate, step.achieved(), step.errors(), step.skipped(), step.lagP50Ms(), step.lagP99Ms(),
                        step.passed() ? "held" : "not held (" + step.failed() + ")");
                if (!step.passed()) {
                    break;
                }
                held = rate;
            }
        } finally {
            visibility.stop();
        }
        VisibilitySampler.Interval rest = visibility.take();
        seen.add(rest.micros());
        timeouts += rest.timeouts();

        Report report = new Report("ramp", options, setup.run);
        report.setting("start", options.start()).setting("step", options.step())
                .setting("stepSeconds", options.stepSeconds()).setting("max", options.max())
                .setting("limitMs", options.limitMs()).setting("users", users.size())
                .setting("samplers", samplers.size()).setting("warmupSeconds", options.warmupSeconds());
        Step last = steps.get(steps.size() - 1);
        report.figure("highestRateHeld", held).figure("stepsRun", steps.size())
                .figure("stoppedAtRate", last.passed() ? 0 : last.asked());
        report.latency("endToEndVisibilityMs", seen).figure("endToEndVisibilityTimeouts", timeouts);
        report.detail("steps", rows(steps).build());
        report.note(last.passed() ? "Every step up to --max held."
                : "Stopped at " + last.asked() + "/s: " + last.failed() + ".");
        report.note("A step holds with no errors, no change skipped or unapplied, at least "
                + Math.round(RATE_HELD * 100) + "% of the asked rate achieved and commit-to-applied lag p99 ≤ "
                + options.limitMs() + " ms.");
        return report;
    }

    private Step step(int rate, Load.Result r, LagCollector.Lag lag, VisibilitySampler.Interval v) {
        long missing = r.committed().size() - lag.matched;
        double lagP99 = Report.ms(lag.histogram.getValueAtPercentile(99));
        List<String> why = new ArrayList<>();
        if (r.errors() > 0) {
            why.add(r.errors() + " errors" + (r.errorSamples().isEmpty() ? "" : ", e.g. " + r.errorSamples().get(0)));
        }
        if (r.skipped() > 0) {
            why.add(r.skipped() + " skipped, every user busy");
        }
        if (r.achievedPerSecond() < RATE_HELD * rate) {
            why.add("achieved " + Math.round(r.achievedPerSecond()) + "/s");
        }
        if (missing > 0) {
            why.add(missing + " not applied");
        }
        if (lagP99 > options.limitMs()) {
            why.add("lag p99 " + lagP99 + " ms");
        }
        return new Step(rate, Math.round(r.achievedPerSecond()), r.errors(), r.skipped(),
                Report.ms(r.http().getValueAtPercentile(99)), Report.ms(lag.histogram.getValueAtPercentile(50)), lagP99,
                Report.ms(lag.histogram.getMaxValue()), missing,
                v.micros().getTotalCount() == 0 ? 0 : Report.ms(v.micros().getValueAtPercentile(99)),
                String.join("; ", why));
    }

    private static JsonArrayBuilder rows(List<Step> steps) {
        JsonArrayBuilder rows = Json.createArrayBuilder();
        for (Step s : steps) {
            rows.add(Json.createObjectBuilder().add("asked", s.asked()).add("achieved", s.achieved())
                    .add("errors", s.errors()).add("skipped", s.skipped()).add("httpP99Ms", s.httpP99Ms())
                    .add("lagP50Ms", s.lagP50Ms()).add("lagP99Ms", s.lagP99Ms()).add("lagMaxMs", s.lagMaxMs())
                    .add("ledgerMissing", s.ledgerMissing()).add("visibilityP99Ms", s.visibilityP99Ms())
                    .add("passed", s.passed()).add("failed", s.failed()));
        }
        return rows;
    }
}
