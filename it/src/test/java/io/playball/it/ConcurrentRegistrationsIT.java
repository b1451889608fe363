package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.UserEventsTopic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/** Many users at once: every change has its own event, and each user's events are on the topic in version order. */
@MicroShedTest
@OnEachDatabase
class ConcurrentRegistrationsIT {

    private static final int USERS = 200;
    private static final int RENAMES = 2;

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void twoHundredConcurrentUsersGetDistinctEventsInPerUserOrder() throws Exception {
        try (UserEventsTopic topic = new UserEventsTopic()) {
            ExecutorService clients = Executors.newFixedThreadPool(16);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < USERS; i++) {
                int n = i;
                results.add(clients.submit(() -> registerAndRename(n)));
            }
            List<String> userIds = new ArrayList<>();
            for (Future<String> result : results) {
                userIds.add(result.get());
            }
            clients.shutdown();

            int expected = USERS * (1 + RENAMES);
            List<ConsumerRecord<String, String>> records = topic.awaitForUsers(Set.copyOf(userIds), expected,
                    Duration.ofSeconds(120));
            assertEquals(expected, records.size(), "one record per change");
            assertEquals(expected, records.stream()
                    .map(r -> UserEventsTopic.body(r).getString("eventId")).distinct().count(), "distinct event ids");

            Map<String, List<ConsumerRecord<String, String>>> byUser = UserEventsTopic.byKey(records);
            byUser.forEach((userId, own) -> {
                assertEquals(1, own.stream().map(ConsumerRecord::partition).distinct().count(), "one partition");
                List<Long> versions = own.stream()
                        .sorted(Comparator.comparingLong(ConsumerRecord::offset))
                        .map(r -> UserEventsTopic.body(r).getJsonNumber("userVersion").longValue())
                        .collect(Collectors.toList());
                assertEquals(List.of(1L, 2L, 3L), versions, "order of " + userId);
            });
        }
    }

    private static String registerAndRename(int n) {
        User user = Accounts.register("concurrent", "Player " + n);
        for (int version = 1; version <= RENAMES; version++) {
            HttpResponse<String> renamed = Accounts.rename(user, "Player " + n + " v" + (version + 1), version);
            assertEquals(200, renamed.statusCode(), renamed.body());
        }
        return user.id();
    }
}
