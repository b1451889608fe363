package io.playball.it.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The groups service's consumer group on {@code user-events}, read and moved the way an operator's
 * {@code kafka-consumer-groups.sh --reset-offsets} would: only while no member is alive.
 */
public final class ConsumerGroup {

    public static final String ID = "playball-groups";

    private ConsumerGroup() {
    }

    /** Where each partition of user-events ends now: the next record written to it gets this offset. */
    public static Map<TopicPartition, Long> endOffsets() {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(java.util.List.of(UserEventsTopic.TOPIC))
                    .allTopicNames().get(30, TimeUnit.SECONDS).get(UserEventsTopic.TOPIC).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(UserEventsTopic.TOPIC, p.partition()),
                            p -> OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError("cannot read the end offsets of " + UserEventsTopic.TOPIC, e);
        }
    }

    /**
     * Moves the group's committed offsets back to {@code target} (never forward, so nothing committed later is
     * skipped), once the group has no live member: after a kill -9 that is when the dead member's session expires.
     */
    public static void rewindTo(Map<TopicPartition, Long> target, Duration timeout) {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> committed = committed(admin);
            Map<TopicPartition, OffsetAndMetadata> rewound = new HashMap<>();
            committed.forEach((partition, offset) -> {
                Long to = target.get(partition);
                if (to != null && to < offset) {
                    rewound.put(partition, new OffsetAndMetadata(to));
                }
            });
            // refused (unknown or live member) until the group is empty
            Poll.until("the consumer group " + ID + " to be empty and its offsets rewound", timeout, () -> {
                try {
                    admin.alterConsumerGroupOffsets(ID, rewound).all().get(10, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private static Map<TopicPartition, Long> committed(Admin admin) {
        try {
            return admin.listConsumerGroupOffsets(ID).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                    .entrySet().stream().filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (Exception e) {
            throw new AssertionError("cannot read the committed offsets of " + ID, e);
        }
    }

    private static Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("playball.kafka.bootstrap", "127.0.0.1:9092"));
        return Admin.create(props);
    }
}
