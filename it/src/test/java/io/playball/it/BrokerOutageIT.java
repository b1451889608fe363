package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.Json;
import io.playball.it.support.Outbox;
import io.playball.it.support.Poll;
import io.playball.it.support.ServerLog;
import io.playball.it.support.UserEventsTopic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * With the broker down, changes are still accepted and wait in the outbox; once it is back, every one arrives. The
 * Kafka client's own warnings of the outage reach the server's log.
 */
@MicroShedTest
class BrokerOutageIT {

    private static final int REGISTRATIONS = 25;
    /** A messages.log line whose logger (not just its text) is kafka-clients', at level W. */
    private static final Pattern KAFKA_CLIENT_WARNING = Pattern.compile("^\\[[^\\]]+] \\S+ org\\.apache\\.kafka\\.\\S+\\s+W ");

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @AfterAll
    static void brokerIsBack() {
        Broker.ensureRunning();
    }

    @Test
    void registrationsDuringAnOutageAreAllPublishedAfterIt() {
        Set<String> userIds = new HashSet<>();
        try (UserEventsTopic topic = new UserEventsTopic()) {
            long pendingBefore = Outbox.pending();
            ServerLog log = ServerLog.fromNow();
            Broker.stop();
            try {
                for (int i = 0; i < REGISTRATIONS; i++) {
                    HttpResponse<String> created = Accounts.tryRegister(Accounts.uniqueUsername("outage"), "Outage " + i);
                    assertEquals(201, created.statusCode(), created.body());
                    userIds.add(Json.parse(created.body()).getString("id"));
                }
                long pending = Outbox.pending();
                assertEquals(true, pending >= pendingBefore + REGISTRATIONS,
                        "the outbox holds the events while the broker is down: " + pending);
                // kafka-clients logs through slf4j, bound to java.util.logging: an operator sees its warnings
                Poll.until("a kafka-clients warning of the lost broker in messages.log", Duration.ofSeconds(60),
                        () -> log.lines().anyMatch(line -> KAFKA_CLIENT_WARNING.matcher(line).find()));
            } finally {
                Broker.start();
            }

            List<ConsumerRecord<String, String>> records = topic.awaitForUsers(userIds, REGISTRATIONS,
                    Duration.ofSeconds(120));
            Map<String, Long> perUser = records.stream()
                    .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
            assertEquals(userIds, perUser.keySet(), "every registration arrived");
            long distinctEvents = records.stream().map(r -> UserEventsTopic.body(r).getString("eventId")).distinct().count();
            assertEquals(REGISTRATIONS, distinctEvents, "one event per registration, none lost");
        }
        Poll.until("the outbox to drain", Duration.ofSeconds(60), () -> Outbox.pending() == 0);
    }
}
