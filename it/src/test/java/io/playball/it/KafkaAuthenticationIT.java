package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.Poll;
import io.playball.it.support.ScramBroker;
import io.playball.it.support.SecondServer;
import io.playball.it.support.UserEventsTopic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The product against a broker that authenticates (SASL_PLAINTEXT, SCRAM-SHA-512) and authorizes with ACLs: auth's
 * principal may write user-events, groups' may read it, and nothing else is allowed. A second server, configured only
 * through the environment, carries a registration through it to groups; a client without credentials, and groups'
 * principal writing user-events, are refused. Derby only: the second server needs a database of its own, apart from
 * the first server's outbox (whose relay sends to the other broker).
 */
@MicroShedTest
class KafkaAuthenticationIT {

    private static ScramBroker broker;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue("derby".equals(System.getProperty("playball.db.kind", "derby")),
                "the second server needs a database of its own, which embedded Derby gives it");
        Api.awaitReady();
        broker = ScramBroker.start();
        SecondServer.launch(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", ScramBroker.BOOTSTRAP,
                        "KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_AUTH_PASSWORD", ScramBroker.password(ScramBroker.AUTH),
                        "KAFKA_GROUPS_PASSWORD", ScramBroker.password(ScramBroker.GROUPS)),
                Set.of("kafka.bootstrap.servers"));
        Poll.until("the second server to be ready with the SCRAM broker", Duration.ofSeconds(180), () -> {
            try {
                return Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null, Map.of())
                        .statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        SecondServer.stopIfRunning();
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aRegistrationTravelsThroughTheAuthenticatedBrokerToGroups() {
        String username = "scram-" + UUID.randomUUID() + "@example.test";
        HttpResponse<String> created = Api.sendTo(SecondServer.baseUrl(), "POST", "/auth/api/users", null,
                "application/json", Json.object(Map.of("username", username, "displayName", "Authenticated",
                        "password", "correct horse battery staple")), Map.of());
        assertEquals(201, created.statusCode(), created.body());
        String userId = Json.parse(created.body()).getString("id");
        HttpResponse<String> login = Api.sendTo(SecondServer.baseUrl(), "POST", "/auth/api/tokens", null,
                "application/json", Json.object(Map.of("username", username,
                        "password", "correct horse battery staple")), Map.of());
        String token = Json.parse(login.body()).getString("accessToken");

        // groups answers 409 user-not-known-yet until its consumer has applied the registration
        HttpResponse<String> group = Poll.until("groups to know the user, through the SCRAM broker",
                Duration.ofSeconds(60), () -> Api.sendTo(SecondServer.baseUrl(), "POST", "/groups/api/groups", token,
                        "application/json", Json.object(Map.of("name", "Authenticated")), Map.of()),
                r -> r.statusCode() != 409);
        assertEquals(201, group.statusCode(), group.body());

        try (KafkaConsumer<String, String> admin = consumer(ScramBroker.ADMIN, null)) {
            List<org.apache.kafka.common.TopicPartition> partitions = admin.partitionsFor(UserEventsTopic.TOPIC)
                    .stream().map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            admin.assign(partitions);
            admin.seekToBeginning(partitions);
            Poll.until("the registration on the SCRAM broker's user-events", Duration.ofSeconds(30),
                    () -> admin.poll(Duration.ofMillis(500)).records(UserEventsTopic.TOPIC), records -> {
                        for (var r : records) {
                            if (userId.equals(r.key())) {
                                return true;
                            }
                        }
                        return false;
                    });
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefused() {
        Properties props = ScramBroker.client(null);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        Throwable refusal = null;
        try (KafkaProducer<String, String> anonymous = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            anonymous.send(new ProducerRecord<>(UserEventsTopic.TOPIC, "k", "forged")).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            refusal = e.getCause();
        } catch (KafkaException | java.util.concurrent.TimeoutException | InterruptedException e) {
            refusal = e;
        }
        assertNotNull(refusal, "a client without credentials got a record in");
    }

    @Test
    void groupsPrincipalMayNotWriteUserEventsNorAuthsReadIt() {
        Properties props = ScramBroker.client(ScramBroker.GROUPS);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
        try (KafkaProducer<String, String> groups = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> groups.send(
                    new ProducerRecord<>(UserEventsTopic.TOPIC, "k", "not groups' to write")).get(15, TimeUnit.SECONDS));
            assertInstanceOf(AuthorizationException.class, refused.getCause());
        }
        try (KafkaConsumer<String, String> auth = consumer(ScramBroker.AUTH, "playball-groups")) {
            auth.subscribe(List.of(UserEventsTopic.TOPIC));
            assertThrows(AuthorizationException.class, () -> auth.poll(Duration.ofSeconds(10)));
        }
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Properties props = ScramBroker.client(principal);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }
}
