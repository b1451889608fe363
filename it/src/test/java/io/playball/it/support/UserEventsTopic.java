package io.playball.it.support;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code user-events} (or another topic) from the moment it is opened, on every partition, without a consumer group (so it never
 * waits for a rebalance and never disturbs the application's group). Keeps everything it has read.
 */
public final class UserEventsTopic implements AutoCloseable {

    public static final String TOPIC = "user-events";

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public UserEventsTopic() {
        this(TOPIC);
    }

    /** Reads another topic the same way (the dead-letter topic). */
    public UserEventsTopic(String topicName) {
        this(topicName, System.getProperty("playball.kafka.bootstrap", "127.0.0.1:9092"));
    }

    /** Reads a topic of another broker (the three-node cluster). */
    public UserEventsTopic(String topicName, String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(topicName, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topicName, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);  // fix the start now, not at the first poll
    }

    public int partitionCount() {
        return consumer.assignment().size();
    }

    /** Polls until {@code done} holds for the records read so far (all of them, since opening). */
    public List<ConsumerRecord<String, String>> awaitRecords(String what, Duration timeout,
                                                             Predicate<List<ConsumerRecord<String, String>>> done) {
        return Poll.until(what, timeout, () -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return List.copyOf(seen);
        }, done);
    }

    /** Polls until every partition is read to its end as it is now, and returns all records read since opening. */
    public List<ConsumerRecord<String, String>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
        return awaitRecords("the topic read to its end", timeout,
                records -> ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue()));
    }

    /** Waits for at least {@code count} records of the given users (by key), and returns theirs. */
    public List<ConsumerRecord<String, String>> awaitForUsers(java.util.Collection<String> userIds, int count,
                                                              Duration timeout) {
        List<ConsumerRecord<String, String>> all = awaitRecords(count + " records of " + userIds.size() + " users",
                timeout, records -> records.stream().filter(r -> userIds.contains(r.key())).count() >= count);
        return all.stream().filter(r -> userIds.contains(r.key())).toList();
    }

    public static JsonObject body(ConsumerRecord<String, String> record) {
        return Json.parse(record.value());
    }

    public static Map<String, List<ConsumerRecord<String, String>>> byKey(List<ConsumerRecord<String, String>> records) {
        return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
