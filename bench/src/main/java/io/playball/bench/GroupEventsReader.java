package io.playball.bench;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code group-events} as a consumer of that topic would (the product has none): from the topic's end at
 * {@link #start}, every partition, no consumer group. For each event of the bench's groups that happened after
 * {@link #measureFrom}, the lag from the change ({@code occurredAt}, stamped in its transaction) to the record's
 * arrival here.
 */
final class GroupEventsReader implements AutoCloseable {

    private static final long HIGHEST = Duration.ofMinutes(10).toNanos() / 1_000;

    private final String bootstrap;
    private final Set<String> groupIds;
    private final Histogram lag = new Histogram(HIGHEST, 3);  // microseconds
    private final AtomicLong received = new AtomicLong();
    private volatile Instant from = Instant.MAX;
    private volatile boolean running = true;
    private Thread worker;

    GroupEventsReader(String bootstrap, Set<String> groupIds) {
        this.bootstrap = bootstrap;
        this.groupIds = groupIds;
    }

    /** Positioned at the end before it returns: nothing sent after is missed. */
    GroupEventsReader start() {
        KafkaConsumer<String, String> consumer = consumer();
        List<TopicPartition> partitions = consumer.partitionsFor("group-events", Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofSeconds(30)));
        worker = new Thread(() -> read(consumer), "bench-group-events");
        worker.setDaemon(true);
        worker.start();
        return this;
    }

    /** Events that happened from now on are measured; earlier ones (the warm-up's) are not. */
    void measureFrom(Instant instant) {
        from = instant;
    }

    private void read(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    Instant arrived = Instant.now();
                    JsonObject event = PlayBallClient.json(r.value());
                    if (!groupIds.contains(event.getString("groupId", ""))) {
                        continue;
                    }
                    Instant occurred = Instant.parse(event.getString("occurredAt"));
                    if (occurred.isBefore(from)) {
                        continue;
                    }
                    long micros = ChronoUnit.MICROS.between(occurred, arrived);
                    synchronized (lag) {
                        lag.recordValue(Math.max(0, Math.min(micros, HIGHEST)));
                    }
                    received.incrementAndGet();
                }
            }
        }
    }

    /** Waits until {@code expected} events arrived (or a minute passed); returns how many did. */
    long awaitReceived(long expected) {
        Instant deadline = Instant.now().plusSeconds(60);
        while (received.get() < expected && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        return received.get();
    }

    Histogram lag() {
        synchronized (lag) {
            return lag.copy();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "playball-bench-group-events");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (worker != null) {
            worker.join(5_000);
        }
    }
}
