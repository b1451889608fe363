package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * peer-debezium: PlayBall's relay and Debezium side by side, on one server, one database and one topic, in one run.
 * Each round measures both publishers in turn (the order alternates between rounds) with the same steady load, and
 * then the drain of the same backlog; for each: the commit-to-applied lag, the ledger, and the CPU seconds per 1,000
 * events of every process involved (from /proc). In Debezium's turns auth's relay is held, so that only Debezium
 * publishes; its drain's hold is the Debezium relay frozen (SIGSTOP), so that both drain from a warm JVM.
 */
final class PeerDebeziumScenario {

    private static final String PLAYBALL = "playball";
    private static final String DEBEZIUM = "debezium";

    private final Options options;
    private final BenchSetup setup;

    PeerDebeziumScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, 8);
    }

    Report run() throws Exception {
        setup.awaitReady();
        Report report = new Report("peer-debezium", options, setup.run);
        report.setting("rate", options.rate()).setting("seconds", options.seconds())
                .setting("users", options.users()).setting("warmupSeconds", options.warmupSeconds())
                .setting("debeziumWarmupSeconds", options.debeziumWarmupSeconds())
                .setting("changes", options.changes()).setting("inFlight", options.inFlight())
                .setting("rounds", options.rounds()).setting("debeziumPollMs", options.debeziumPollMs());
        LagCollector lagLog = new LagCollector(setup);
        List<BenchUser> users = setup.register("bench", options.users());
        Load traffic = new Load(setup.client, users, setup.run);
        JsonArrayBuilder steadyRows = Json.createArrayBuilder();
        JsonArrayBuilder drainRows = Json.createArrayBuilder();
        try (DebeziumPeer peer = new DebeziumPeer(options)) {
            peer.checkDatabase();
            SteadyScenario.warmUp(traffic, options.rate(), options.warmupSeconds());
            for (int round = 1; round <= options.rounds(); round++) {
                List<String> order = round % 2 == 1 ? List.of(PLAYBALL, DEBEZIUM) : List.of(DEBEZIUM, PLAYBALL);
                for (String mode : order) {
                    List<JsonObjectBuilder> rows = turn(round, mode, users, traffic, lagLog, peer);
                    steadyRows.add(rows.get(0));
                    drainRows.add(rows.get(1));
                }
            }
        }
        report.detail("steadyTurns", steadyRows.build()).detail("drainTurns", drainRows.build());
        report.note("Each row is one publisher's turn. steady: " + options.rate() + " changes/s for "
                + options.seconds() + " s; drain: " + options.changes() + " changes committed behind a hold, then"
                + " released. Lag: auth's commit (occurredAt) to groups' applying commit, both on the server's clock.");
        report.note("cpuS/1k: CPU seconds per 1,000 events from /proc, from the start of the turn's load until every"
                + " change was applied: server = Liberty (REST, auth's relay when it publishes, groups' consumer),"
                + " publisher = the Debezium relay's JVM, postgres = every PostgreSQL process (WAL senders"
                + " included), broker = the Kafka broker; pipeline = their sum. The bench's own load generator is"
                + " apart.");
        report.note("In Debezium's turns auth's relay is held and every change leaves through Debezium: PostgreSQL's"
                + " logical replication (pgoutput, slot " + DebeziumPeer.SLOT + "), the outbox event router (key"
                + " aggregate_id, payload, eventId and type headers), a producer as auth's (acks=all, idempotent,"
                + " linger 0), then the sent rows deleted as auth's relay deletes them.");
        report.note("drainEventsPerSecond: events over the time from the release (the relay's hold lifted, or the"
                + " Debezium JVM let go with SIGCONT) to the appliedAt of the last.");
        return report;
    }

    /**
     * One publisher's turn: the steady load, then the drain. Debezium's relay runs for the whole turn with auth's
     * relay held, and stands frozen while the drain's backlog is committed.
     */
    private List<JsonObjectBuilder> turn(int round, String mode, List<BenchUser> users, Load traffic,
                                         LagCollector lagLog, DebeziumPeer peer) throws Exception {
        boolean debezium = mode.equals(DEBEZIUM);
        ProcessCpu cpu = new ProcessCpu();
        awaitEmptyOutbox();  // sent rows the relay has yet to delete would stay behind its hold for Debezium's turn
        RelayHold turnHold = debezium ? RelayHold.on(setup) : null;
        try {
            if (debezium) {
                peer.start();
                cpu.role("publisher", peer.pid());
                SteadyScenario.warmUp(traffic, options.rate(), options.debeziumWarmupSeconds());
            }
            System.out.printf("round %d, %s: %d changes/s for %d s%n", round, mode, options.rate(), options.seconds());
            long[] cursor = lagLog.newest();
            ProcessCpu.Snapshot before = cpu.snapshot();
            Load.Result load = traffic.run(options.rate(), options.seconds(), "[" + mode + "] ");
            LagCollector.Lag lag = lagLog.collect(cursor, load.committed(), null);
            JsonObjectBuilder steady = row(round, mode, "steady", lag, load.committed().size(),
                    cpu.snapshot().secondsSince(before));
            steady.add("achievedPerSecond", Math.round(load.achievedPerSecond())).add("errors", load.errors());

            awaitEmptyOutbox();
            System.out.printf("round %d, %s: drain of %d changes%n", round, mode, options.changes());
            cursor = lagLog.newest();
            Burst.Result burst;
            Instant released;
            try (RelayHold drainHold = debezium ? null : RelayHold.on(setup)) {
                if (debezium) {
                    peer.freeze();
                }
                burst = new Burst(setup, users, options.inFlight()).run(options.changes());
                System.out.printf("queued %d changes in %.1f s%n", burst.committed().size(),
                        burst.elapsedNanos() / 1e9);
                before = cpu.snapshot();
                released = Instant.now();
                if (debezium) {
                    peer.thaw();
                } else {
                    drainHold.release();
                }
            }
            lag = lagLog.collect(cursor, burst.committed(), released);
            JsonObjectBuilder drain = row(round, mode, "drain", lag, burst.committed().size(),
                    cpu.snapshot().secondsSince(before));
            long drainMillis = lag.lastApplied == null ? -1 : Duration.between(released, lag.lastApplied).toMillis();
            drain.add("drainMillis", drainMillis)
                    .add("drainEventsPerSecond", drainMillis > 0 ? Math.round(lag.matched * 1000.0 / drainMillis) : 0);
            return List.of(steady, drain);
        } finally {
            if (debezium) {
                peer.stop();
                turnHold.close();
            }
        }
    }

    private static JsonObjectBuilder row(int round, String mode, String phase, LagCollector.Lag lag, long committed,
                                         Map<String, Double> cpuSeconds) {
        JsonObjectBuilder row = Json.createObjectBuilder().add("round", round).add("publisher", mode)
                .add("phase", phase)
                .add("lagP50Ms", Report.ms(lag.histogram.getValueAtPercentile(50)))
                .add("lagP99Ms", Report.ms(lag.histogram.getValueAtPercentile(99)))
                .add("lagMaxMs", Report.ms(lag.histogram.getMaxValue()))
                .add("committed", committed).add("applied", lag.matched);
        double perThousand = lag.matched == 0 ? 0 : 1000.0 / lag.matched;
        double pipeline = 0;
        for (String role : List.of("server", "publisher", "postgres", "broker")) {
            double s = cpuSeconds.getOrDefault(role, 0.0);
            pipeline += s;
            row.add(role + "CpuSPer1k", round3(s * perThousand));
        }
        row.add("pipelineCpuSPer1k", round3(pipeline * perThousand))
                .add("benchCpuSPer1k", round3(cpuSeconds.getOrDefault("bench", 0.0) * perThousand));
        return row;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private void awaitEmptyOutbox() {
        Instant deadline = Instant.now().plusSeconds(60);
        long pending;
        while ((pending = setup.client.relayHold(setup.admin()).getJsonNumber("pending").longValue()) > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("auth's outbox still holds " + pending + " rows after a minute");
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
