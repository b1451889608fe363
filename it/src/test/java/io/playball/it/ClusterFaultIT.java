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
import io.playball.it.support.Poll;
import io.playball.it.support.SecondServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Kafka as production runs it: three nodes, every partition of user-events on all three, {@code min.insync.replicas}
 * 2, and the producer's {@code acks=all} with idempotence. Under a steady load the node leading a partition of
 * user-events is killed (SIGKILL, no clean shutdown): changes keep being accepted, sent and applied on the two nodes
 * left, and once the node is back nothing is lost and nothing applied twice. A second server, on a database of its
 * own (Derby only), talks to the cluster.
 */
@MicroShedTest
class ClusterFaultIT {

    private static final Duration STEP = Duration.ofSeconds(120);

    private static BrokerCluster cluster;
    private static Ledger.Books books;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue("derby".equals(System.getProperty("playball.db.kind", "derby")),
                "the second server needs a database of its own, which embedded Derby gives it");
        Api.awaitReady();
        cluster = BrokerCluster.start();
        SecondServer.launch(Map.of("KAFKA_BOOTSTRAP_SERVERS", BrokerCluster.bootstrap()),
                Set.of("kafka.bootstrap.servers"));
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
        books = new Ledger.Books(SecondServer.baseUrl(), new OperatorToken(operator)::get);
    }

    @AfterAll
    static void stop() {
        SecondServer.stopIfRunning();
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killingALeadingNodeMidLoadLosesNothingAndAppliesNothingTwice() {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Accounts.registerAt(SecondServer.baseUrl(), "cluster-fault", "Cluster fault " + i));
        }
        ChangeLoad load = new ChangeLoad(users, user -> SecondServer.baseUrl());
        load.start(50);
        try {
            load.awaitMoreAcknowledged("the load running", 50, STEP);
            int leader = cluster.leaderOf(0);
            System.out.println("Killing node " + leader + ", the leader of user-events-0, after "
                    + load.totalAcknowledged() + " changes acknowledged");
            cluster.kill(leader);
            try {
                long applied = applied();
                load.awaitMoreAcknowledged("writes accepted with node " + leader + " dead", 100, STEP);
                // sent and applied, not only kept in the outbox: two in-sync replicas are enough for acks=all
                Poll.until("changes applied by groups with node " + leader + " dead", STEP,
                        () -> applied() >= applied + 100);
            } finally {
                cluster.restart(leader);
            }
            load.awaitMoreAcknowledged("writes accepted after node " + leader + " is back", 50, STEP);
        } finally {
            load.stop();
        }
        cluster.awaitFullyReplicated(STEP);
        Ledger.assertBalanced(load, STEP, books);
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

    /** An operator's token on the second server, renewed well before its short life ends. */
    private static final class OperatorToken {
        private final User operator;
        private String token;
        private Instant loggedInAt = Instant.MIN;

        OperatorToken(User operator) {
            this.operator = operator;
        }

        synchronized String get() {
            if (Duration.between(loggedInAt, Instant.now()).compareTo(Duration.ofMinutes(2)) > 0) {
                token = Accounts.loginAt(SecondServer.baseUrl(), operator.username());
                loggedInAt = Instant.now();
            }
            return token;
        }
    }
}
