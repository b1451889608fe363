package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.AdminConnector;
import io.playball.it.support.Api;
import io.playball.it.support.BrokerCluster;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.ChaosReport;
import io.playball.it.support.GroupChurn;
import io.playball.it.support.GroupEventsTopic;
import io.playball.it.support.GroupInvariants;
import io.playball.it.support.GroupVersions;
import io.playball.it.support.Json;
import io.playball.it.support.LagTimeline;
import io.playball.it.support.Ledger;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.OperatorToken;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import io.playball.it.support.SecondServer;
import io.playball.it.support.UserEventsTopic;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The chaos run (PostgreSQL): a server on the three-node cluster and a database of its own, a steady change load and
 * group activity, and a seeded random schedule of faults: a node killed (SIGKILL) and restarted, a node frozen
 * (SIGSTOP) and let go, the server killed (SIGKILL) and started again, the services' database connections
 * terminated, PostgreSQL restarted, the consumer paused (its inbox table locked). Every kind comes once in each
 * round, in a seeded order. Afterwards: the ledger balances (committed = applied, none twice), the group rules hold
 * in the database, and readiness is UP. Each fault's recovery (until the lag is back under 100 ms) goes to the
 * report.
 *
 * <p>{@code -Dplayball.chaos.duration} (ISO-8601, default none: one round, each kind of fault once; a longer one
 * draws further rounds until it is over), {@code
 * -Dplayball.chaos.warmup} (10 s), {@code -Dplayball.chaos.recovery.wait} (15 s), {@code -Dplayball.chaos.quiet} (the
 * least stretch without a fault between two, 2 s), {@code
 * -Dplayball.chaos.seed} replays a schedule, {@code -Dplayball.chaos.results} is where the report goes.
 */
@MicroShedTest
@OnEachDatabase
class ChaosIT {

    private static final String DATABASE = "playball_chaos";
    private static final Duration STEP = Duration.ofSeconds(180);
    private static final int RATE = Integer.getInteger("playball.chaos.rate", 30);
    // the defaults are CI's short run; the recorded runs warm up for 90 s, wait up to two minutes for recovery and
    // leave at least 5 s between faults
    private static final Duration WARM_UP = Duration.parse(System.getProperty("playball.chaos.warmup", "PT10S"));
    private static final Duration RECOVERY_WAIT = Duration.parse(System.getProperty("playball.chaos.recovery.wait",
            "PT15S"));
    private static final Duration QUIET = Duration.parse(System.getProperty("playball.chaos.quiet", "PT2S"));
    private static final int USERS = 40;
    private static final int CHURN_USERS = 12;

    private static BrokerCluster cluster;
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", BrokerCluster.bootstrap(), "DB_NAME", DATABASE);
    /** Its own broker and database; tracing off, as in production unless turned on (the spans cost CPU here). */
    private static final Set<String> DROPPED = Set.of("kafka.bootstrap.servers", "auth.db.user", "groups.db.user",
            "otel.sdk.disabled");
    private static OperatorToken operator;
    private static LagTimeline lag;

    /** What the faults do, and how long each is held (drawn from the seeded random). */
    private enum Kind {
        BROKER_KILLED(5, 20), BROKER_FROZEN(5, 20), SERVER_KILLED(1, 5), DATABASE_CONNECTIONS_CUT(0, 0),
        DATABASE_RESTARTED(2, 10), CONSUMER_PAUSED(5, 20);

        private final int minSeconds;
        private final int maxSeconds;

        Kind(int minSeconds, int maxSeconds) {
            this.minSeconds = minSeconds;
            this.maxSeconds = maxSeconds;
        }

        Duration hold(Random random) {
            return Duration.ofSeconds(minSeconds + random.nextInt(maxSeconds - minSeconds + 1));
        }

        String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "the chaos run's faults include PostgreSQL's own");
        Assumptions.assumeTrue(PostgresCluster.controllable(), "needs the local cluster's pg_ctlcluster");
        Api.awaitReady();
        cluster = BrokerCluster.start();
        PostgresCluster.freshDatabase(DATABASE);
        startServer();
        User admin = Accounts.registerAt(SecondServer.baseUrl(), "chaos-ops", "Operator");
        HttpResponse<String> granted = AdminConnector.invoke("https://localhost:" + SecondServer.HTTPS_PORT,
                "io.playball:type=Operators", "grant", admin.id(), AdminConnector.USER, AdminConnector.PASSWORD);
        assertEquals(200, granted.statusCode(), granted.body());
        operator = new OperatorToken(SecondServer.baseUrl(), admin);
    }

    @AfterAll
    static void stop() {
        if (cluster == null) {
            return;  // skipped (not PostgreSQL): nothing was started or stopped
        }
        PostgresCluster.start();  // whatever a failure left stopped
        SecondServer.stopIfRunning();
        cluster.close();
    }

    @Test
    void aSeededScheduleOfFaultsLosesNothingAndAppliesNothingTwice() {
        long seed = Long.getLong("playball.chaos.seed", System.nanoTime());
        Duration duration = Duration.parse(System.getProperty("playball.chaos.duration", "PT0S"));
        System.out.println("Chaos seed " + seed + " for " + duration + " (replay with -Dplayball.chaos.seed=" + seed
                + ")");
        Random random = new Random(seed);
        List<User> users = register(USERS, "chaos", "Chaos");
        GroupChurn churn = new GroupChurn(SecondServer.baseUrl(), register(CHURN_USERS, "churn", "Churn"), seed);
        ChangeLoad load = new ChangeLoad(users, user -> SecondServer.baseUrl());

        Instant origin = Instant.now();
        UserEventsTopic groupEvents = new UserEventsTopic(GroupEventsTopic.TOPIC, BrokerCluster.bootstrap());
        lag = new LagTimeline(SecondServer.baseUrl(), operator::get).start();
        load.start(RATE);
        churn.start();
        List<ChaosReport.Fault> faults = new ArrayList<>();
        try {
            load.awaitMoreAcknowledged("the load running", 100, STEP);
            hold(WARM_UP);  // a just-started server compiles its hot paths for a while: no fault meanwhile
            Instant until = Instant.now().plus(duration);
            List<Kind> kinds = kinds();
            Deque<Kind> round = new ArrayDeque<>();
            while (Instant.now().isBefore(until) || faults.size() < kinds.size()) {
                if (kinds.isEmpty()) {
                    hold(Duration.between(Instant.now(), until));  // the baseline: the same load, no fault
                    break;
                }
                if (round.isEmpty()) {
                    List<Kind> shuffled = new ArrayList<>(kinds);
                    Collections.shuffle(shuffled, random);
                    round.addAll(shuffled);
                }
                Kind kind = round.poll();
                ChaosReport.Fault fault = inject(kind, kind.hold(random), random);
                faults.add(fault);
                System.out.printf("Chaos fault %d: %s (%s) held %d ms, after %d changes acknowledged%n",
                        faults.size(), kind.label(), fault.target(),
                        Duration.between(fault.start(), fault.end()).toMillis(), load.totalAcknowledged());
                awaitServing(kind);
                load.awaitMoreAcknowledged("writes accepted after " + kind.label(), 20, STEP);
                awaitLagRecovered(fault);
                // a quiet stretch before the next fault, one to two times QUIET
                hold(QUIET.plusMillis(random.nextInt((int) QUIET.toMillis() + 1)));
            }
        } finally {
            churn.stop();
            load.stop();
        }
        Instant ended = Instant.now();
        cluster.awaitFullyReplicated(STEP);
        Ledger.Books books = new Ledger.Books(SecondServer.baseUrl(), operator::get);
        AssertionError unbalanced = null;
        try {
            Ledger.assertBalanced(load, STEP, books);
        } catch (AssertionError e) {
            unbalanced = e;
        }
        Ledger.Totals totals = Ledger.totals(load, books);
        Map<String, List<Long>> groupVersions;
        try (groupEvents) {
            awaitGroupsOutboxDrained();
            groupVersions = GroupVersions.firstCopies(groupEvents.readToEnd(STEP));
        }
        List<String> groupOrder = GroupVersions.faults(groupVersions);
        List<LagTimeline.Sample> samples = lag.stop();
        List<String> broken = GroupInvariants.violations(DATABASE, "public");
        long[] checked = GroupInvariants.groupsAndMembers(DATABASE, "public");
        boolean ready = health().statusCode() == 200;

        ChaosReport report = new ChaosReport(origin)
                .setting("run", "ChaosIT").setting("seed", String.valueOf(seed))
                .setting("durationSeconds", duration.toSeconds()).setting("warmUpSeconds", WARM_UP.toSeconds())
                .setting("recoveryWaitSeconds", RECOVERY_WAIT.toSeconds()).setting("quietSeconds", QUIET.toSeconds())
                .setting("changesPerSecond", RATE).setting("users", USERS).setting("churnUsers", CHURN_USERS)
                .setting("brokers", BrokerCluster.NODES).setting("replicationFactor", 3)
                .setting("minInsyncReplicas", 2).setting("database", "postgresql")
                .setting("faultKinds", kinds().toString())
                .figure("eventsCommitted", totals.committed()).figure("eventsApplied", totals.consumed())
                .figure("lost", totals.missing()).figure("appliedTwice", totals.doubled())
                .figure("appliedTwiceInTheAppliedLog", lag.repeated())
                .figure("changesAcknowledged", load.totalAcknowledged())
                .figure("changeAnswers", load.statuses().toString())
                .figure("groupAnswers", churn.statuses().toString())
                .figure("accountsDeletedByTheChurn", churn.accountsDeleted())
                .figure("groupsLeft", checked[0]).figure("membershipsLeft", checked[1])
                .figure("groupRuleViolations", broken.size())
                .figure("groupsOnGroupEvents", groupVersions.size())
                .figure("groupsWithAVersionMissingOrOutOfOrder", groupOrder.size())
                .figure("readyAtTheEnd", ready ? "UP" : "DOWN")
                .lag(samples, faults, ended)
                .note("lost and appliedTwice come from the ledger: per user, auth's account version (events"
                        + " committed) against groups' inbox rows for that user and its view's version")
                .note("the lag is read from the server's applied-events log; events applied just before the server"
                        + " was killed, not yet read, are missing from it (" + samples.size() + " events timed)");
        Path written = report.write(Path.of(System.getProperty("playball.chaos.results", "target/chaos")));
        System.out.println("Chaos report: " + written.toAbsolutePath() + "; worst recovery "
                + report.worstRecovery().toMillis() + " ms");

        if (unbalanced != null) {
            throw unbalanced;
        }
        assertEquals(0, totals.missing(), "nothing lost");
        assertEquals(0, totals.doubled(), "nothing applied twice");
        assertEquals(0, lag.repeated(), "no event in the applied log twice");
        assertTrue(broken.isEmpty(), "the group rules hold: " + broken);
        assertTrue(groupOrder.isEmpty(), "each group's events on group-events, first copies, every version in order: "
                + groupOrder);
        assertTrue(ready, "readiness UP at the end");
        // 404: a server starting again listens before its applications have started, as Liberty does
        assertTrue(load.statuses().keySet().stream().noneMatch(s -> s >= 500 && s != 503),
                "no change answers a 5xx other than 503: " + load.statuses());
        assertTrue(churn.statuses().keySet().stream().noneMatch(s -> s >= 500 && s != 503),
                "no group request answers a 5xx other than 503: " + churn.statuses());
    }

    /** Groups' relay has sent every row: what its events say can be read off the topic. */
    private static void awaitGroupsOutboxDrained() {
        Poll.until("groups' outbox drained", STEP,
                () -> Api.sendTo(SecondServer.baseUrl(), "GET", "/groups/api/admin/outbox/hold", operator.get(), null,
                        null, Map.of()),
                r -> r.statusCode() == 200 && Json.parse(r.body()).getJsonNumber("pending").longValue() == 0);
    }

    /**
     * Injects the fault, holds it, undoes it. Its end is when the undoing begins: a process's start, a cluster's
     * recovery belong to the recovery time that follows.
     */
    private ChaosReport.Fault inject(Kind kind, Duration hold, Random random) {
        Instant start = Instant.now();
        String target;
        Instant end;
        switch (kind) {
            case BROKER_KILLED -> {
                int node = 1 + random.nextInt(BrokerCluster.NODES);
                target = "node " + node;
                cluster.kill(node);
                end = held(hold, () -> cluster.restart(node));
            }
            case BROKER_FROZEN -> {
                int node = 1 + random.nextInt(BrokerCluster.NODES);
                target = "node " + node;
                cluster.freeze(node);
                end = held(hold, () -> cluster.thaw(node));
            }
            case SERVER_KILLED -> {
                target = "server pid " + SecondServer.pid();
                SecondServer.kill();
                lag.serverRestarted();
                end = held(hold, () -> SecondServer.launch(ENVIRONMENT, DROPPED));
            }
            case DATABASE_CONNECTIONS_CUT -> {
                target = PostgresCluster.terminateConnections(DATABASE) + " sessions";
                end = start;
            }
            case DATABASE_RESTARTED -> {
                target = "cluster";
                PostgresCluster.stop();
                end = held(hold, PostgresCluster::start);
            }
            case CONSUMER_PAUSED -> {
                target = "inbox_event locked";
                PostgresCluster.TableLock locked = PostgresCluster.lock(DATABASE, "inbox_event");
                end = held(hold, locked::close);
            }
            default -> throw new IllegalStateException(kind.name());
        }
        return new ChaosReport.Fault(kind.label(), target, start, end);
    }

    /** Holds the fault, then undoes it (also when interrupted); returns when the undoing began. */
    private static Instant held(Duration hold, Runnable undo) {
        Instant undoneAt;
        try {
            hold(hold);
        } finally {
            undoneAt = Instant.now();
            undo.run();
        }
        return undoneAt;
    }

    /** After a fault: the server ready again (after a kill, started anew). */
    private static void awaitServing(Kind kind) {
        awaitReady("readiness UP after " + kind.label());
    }

    /**
     * Until the lag is back under the limit (the report's measure), for a while at most: the next fault then comes
     * anyway, and the report says this one had not recovered before it.
     */
    private static void awaitLagRecovered(ChaosReport.Fault fault) {
        try {
            Poll.until("the lag back under 100 ms after " + fault.kind(), RECOVERY_WAIT,
                    () -> ChaosReport.recovery(lag.samples(), fault.end(), Instant.now()) != null);
        } catch (AssertionError e) {
            System.out.println("Chaos: the lag was not back under 100 ms " + RECOVERY_WAIT + " after " + fault.kind());
        }
    }

    private static void awaitReady(String what) {
        Poll.until(what, STEP, () -> {
            try {
                return health().statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** {@code -Dplayball.chaos.faults=SERVER_KILLED,CONSUMER_PAUSED} draws from these kinds only; none: no fault. */
    private static List<Kind> kinds() {
        String chosen = System.getProperty("playball.chaos.faults", "");
        if (chosen.isBlank()) {
            return List.of(Kind.values());
        }
        if (chosen.equals("none")) {
            return List.of();
        }
        return java.util.Arrays.stream(chosen.split(",")).map(String::trim).map(Kind::valueOf).toList();
    }

    private static void startServer() {
        SecondServer.launch(ENVIRONMENT, DROPPED);
        awaitReady("the server to be ready on the cluster and its own database");
    }

    private static List<User> register(int count, String prefix, String name) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            users.add(Accounts.registerAt(SecondServer.baseUrl(), prefix, name + " " + i));
        }
        return users;
    }

    private static HttpResponse<String> health() {
        return Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null, Map.of());
    }

    /** The schedule's own time: a fault, or the quiet after it, lasts this long by design. */
    private static void hold(Duration length) {
        long end = System.nanoTime() + length.toNanos();
        for (long left = length.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
