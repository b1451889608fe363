package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.AdminConnector;
import io.playball.it.support.Api;
import io.playball.it.support.BrokerCluster;
import io.playball.it.support.ChangeLoad;
import io.playball.it.support.Json;
import io.playball.it.support.Ledger;
import io.playball.it.support.OperatorToken;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import io.playball.it.support.SecondServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Kafka as production runs it: three nodes, every partition of user-events on all three, {@code min.insync.replicas}
 * 2, and the producer's {@code acks=all} with idempotence. Under a steady load the node leading a partition of
 * user-events is killed (SIGKILL, no clean shutdown): changes keep being accepted, sent and applied on the two nodes
 * left, and once the node is back nothing is lost and nothing applied twice; so with a node at random, and with two
 * nodes at once, in a seeded order. A second server talks to the cluster, on a database of its own (a second embedded
 * Derby, or a fresh PostgreSQL database).
 */
@MicroShedTest
class ClusterFaultIT {

    private static final Duration STEP = Duration.ofSeconds(120);

    private static BrokerCluster cluster;
    private static Ledger.Books books;

    @BeforeAll
    static void start() {
        Api.awaitReady();
        cluster = BrokerCluster.start();
        Map<String, String> environment = new HashMap<>(Map.of("KAFKA_BOOTSTRAP_SERVERS", BrokerCluster.bootstrap()));
        Set<String> dropped = new HashSet<>(Set.of("kafka.bootstrap.servers"));
        if ("postgresql".equals(System.getProperty("playball.db.kind"))) {
            // apart from the first server's outbox, whose relay sends to the build's broker
            environment.put("DB_NAME", PostgresCluster.freshDatabase("playball_cluster"));
            dropped.addAll(Set.of("auth.db.user", "groups.db.user"));
        }
        SecondServer.launch(environment, dropped);
        Poll.until("the second server to be ready with the cluster", Duration.ofSeconds(180), () -> {
            try {
                return health().statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        User operator = Accounts.registerAt(SecondServer.baseUrl(), "cluster-ops", "Operator");
        HttpResponse<String> granted = AdminConnector.invoke("https://localhost:" + SecondServer.HTTPS_PORT,
                "io.playball:type=Operators", "grant", operator.id(), AdminConnector.USER, AdminConnector.PASSWORD);
        assertEquals(200, granted.statusCode(), granted.body());
        books = new Ledger.Books(SecondServer.baseUrl(), new OperatorToken(SecondServer.baseUrl(), operator)::get);
    }

    @AfterAll
    static void stop() {
        SecondServer.stopIfRunning();
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * A seeded sequence of faults under a steady load, each kind once per round in a seeded order: a node killed, two
     * nodes killed at once (then acks=all cannot be met and the outbox keeps what is written until they are back),
     * the node leading a given partition killed; each held until the load has had more changes accepted, and with
     * one node dead until they have been sent and applied on the two left, then undone. {@code
     * -Dplayball.chaos.seed=N} replays a sequence (the seed is printed), {@code -Dplayball.cluster.rounds=N} runs N
     * rounds (one by default).
     */
    @Test
    void aSeededSequenceOfNodeFaultsLosesNothingAndAppliesNothingTwice() {
        long seed = Long.getLong("playball.chaos.seed", System.nanoTime());
        int rounds = Integer.getInteger("playball.cluster.rounds", 1);
        System.out.println("Chaos seed " + seed + " (replay with -Dplayball.chaos.seed=" + seed + ")");
        Random random = new Random(seed);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.registerAt(SecondServer.baseUrl(), "chaos", "Chaos " + i));
        }
        ChangeLoad load = new ChangeLoad(users, user -> SecondServer.baseUrl());
        load.start(50);
        try {
            load.awaitMoreAcknowledged("the load running", 50, STEP);
            int step = 0;
            for (int round = 1; round <= rounds; round++) {
                List<Fault> faults = new ArrayList<>(List.of(Fault.values()));
                Collections.shuffle(faults, random);
                for (Fault fault : faults) {
                    List<Integer> victims = fault.victims(random);
                    System.out.println("Chaos step " + ++step + " (" + fault + "): killing node(s) " + victims
                            + " after " + load.totalAcknowledged() + " changes acknowledged");
                    victims.forEach(cluster::kill);
                    try {
                        long applied = applied();
                        load.awaitMoreAcknowledged("writes accepted with node(s) " + victims + " dead",
                                20 + random.nextInt(60), STEP);
                        if (victims.size() == 1) {
                            // sent and applied, not only kept in the outbox: two in-sync replicas suffice for acks=all
                            Poll.until("changes applied by groups with node " + victims + " dead", STEP,
                                    () -> applied() >= applied + 100);
                        }
                    } finally {
                        cluster.restart(victims);
                    }
                    load.awaitMoreAcknowledged("writes accepted once node(s) " + victims + " are back", 20, STEP);
                    // as a rolling restart does: the next fault only once every replica has caught up, or a node that
                    // was alone in sync could take a partition with it
                    cluster.awaitFullyReplicated(STEP);
                }
            }
        } finally {
            load.stop();
        }
        cluster.awaitFullyReplicated(STEP);
        Ledger.assertBalanced(load, STEP, books);
    }

    /** The kinds of node fault, each once per round. */
    private enum Fault {
        ONE_NODE, TWO_NODES, A_PARTITION_LEADER;

        List<Integer> victims(Random random) {
            switch (this) {
                case ONE_NODE:
                    return List.of(1 + random.nextInt(BrokerCluster.NODES));
                case TWO_NODES:
                    int spared = 1 + random.nextInt(BrokerCluster.NODES);
                    return IntStream.rangeClosed(1, BrokerCluster.NODES).filter(n -> n != spared).boxed().toList();
                default:
                    return List.of(cluster.leaderOf(random.nextInt(6)));
            }
        }
    }

    private static HttpResponse<String> health() {
        return Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null, Map.of());
    }

    /** Events the second server's consumer has applied, from its readiness data. */
    private static long applied() {
        JsonObject health = Json.parse(health().body());
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").equals("user-events-consumer"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no consumer check in " + health))
                .getJsonObject("data").getJsonNumber("applied").longValue();
    }
}
