package io.playball.groups.parking;

import io.playball.outbox.DeadLetterRecord;
import io.playball.platform.kafka.KafkaClientSecurity;
import io.playball.platform.persistence.SqlFailures;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's tools for parked records. The dead-letter topic is the list (read from the broker on each call,
 * never consumed: nothing is removed from it); sending one back writes its original key, value and headers to
 * {@code user-events} again, where the consumer treats it like any other record — applied if it can now be read,
 * a duplicate if its event was applied meanwhile, parked again with its reason if it still cannot be read.
 */
@ApplicationScoped
public class ParkedRecords {

    /** Marks a record that an operator sent back; names the parked record it came from. */
    public static final String RESUBMITTED_FROM = "playball-resubmitted-from";

    private static final Logger LOG = Logger.getLogger(ParkedRecords.class.getName());
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    @Inject
    @ConfigProperty(name = "mp.messaging.connector.liberty-kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-dlq-out.topic", defaultValue = "user-events.dlq")
    String deadLetterTopic;

    @Inject
    @ConfigProperty(name = "mp.messaging.incoming.user-events-in.topic", defaultValue = "user-events")
    String eventsTopic;

    @Inject
    Resubmissions resubmissions;

    @Inject
    Clock clock;

    private KafkaProducer<String, String> producer;

    /** The latest {@code limit} parked records, oldest first. */
    public List<ParkedRecord> list(int limit) {
        return describe(latest(limit));
    }

    public Optional<ParkedRecord> find(String id) {
        return read(id).map(r -> describe(List.of(r)).get(0));
    }

    /** Sends one parked record back to the consumer; empty if there is no such record. */
    public Optional<ParkedRecord> resubmit(String id) {
        return read(id).map(this::resubmit);
    }

    /** Sends back every one of the latest {@code limit} parked records that was not sent back before. */
    public List<ParkedRecord> resubmitAll(int limit) {
        List<ConsumerRecord<String, String>> records = latest(limit);
        Map<String, Instant> done = resubmissions.of(records.stream().map(ParkedRecords::mark).toList());
        return records.stream().filter(r -> !done.containsKey(mark(r))).map(this::resubmit).toList();
    }

    private ParkedRecord resubmit(ConsumerRecord<String, String> parked) {
        String id = id(parked);
        ProducerRecord<String, String> again = new ProducerRecord<>(eventsTopic, parked.key(), parked.value());
        for (Header header : parked.headers()) {
            if (!header.key().startsWith("dlq-") && !header.key().equals(RESUBMITTED_FROM)) {
                again.headers().add(header);
            }
        }
        again.headers().add(RESUBMITTED_FROM, id.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(again).get(BROKER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParkingUnavailableException("interrupted while sending back parked record " + id, e);
        } catch (Exception e) {
            throw new ParkingUnavailableException("the broker did not take parked record " + id + " back: " + e, e);
        }
        Instant now = clock.instant();
        try {
            resubmissions.record(mark(parked), now);
        } catch (RuntimeException e) {
            if (!SqlFailures.isIntegrityViolation(e)) {
                throw e;
            }
            // a concurrent resubmission of the same record inserted its row first: this one updates it
            resubmissions.record(mark(parked), now);
        }
        ParkedRecord sent = describe(List.of(parked)).get(0).resubmitted(now);
        LOG.log(Level.INFO, "Resubmitted parked record {0} (event {1}, type {2}, user {3}) to {4}",
                new Object[] {id, sent.eventId(), sent.type(), sent.key(), eventsTopic});
        return sent;
    }

    private List<ConsumerRecord<String, String>> latest(int limit) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, BROKER_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER_TIMEOUT);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, BROKER_TIMEOUT);
            for (TopicPartition p : partitions) {
                consumer.seek(p, Math.max(begin.get(p), end.get(p) - limit));
            }
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + BROKER_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, BROKER_TIMEOUT) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new ParkingUnavailableException("the dead-letter topic was not read in time", null);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            read.sort(Comparator.comparingLong((ConsumerRecord<String, String> r) -> r.timestamp())
                    .thenComparing(ParkedRecords::id));
            return onePerOrigin(read.subList(Math.max(0, read.size() - limit), read.size()));
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ParkingUnavailableException("the dead-letter topic cannot be read: " + e, e);
        }
    }

    /**
     * A dead-letter send retried after a timeout can land twice; both copies name the same original record (topic,
     * partition, offset), and only the first is listed.
     */
    static List<ConsumerRecord<String, String>> onePerOrigin(List<ConsumerRecord<String, String>> records) {
        Set<String> seen = new java.util.HashSet<>();
        List<ConsumerRecord<String, String>> kept = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            String origin = header(r, DeadLetterRecord.ORIGINAL_OFFSET) == null ? null
                    : origin(r) + " " + header(r, RESUBMITTED_FROM);
            if (origin == null || seen.add(origin)) {
                kept.add(r);
            }
        }
        return kept;
    }

    private Optional<ConsumerRecord<String, String>> read(String id) {
        int dash = id.indexOf('-');
        int partition;
        long offset;
        try {
            partition = Integer.parseInt(id.substring(0, Math.max(dash, 0)));
            offset = Long.parseLong(id.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition p = new TopicPartition(deadLetterTopic, partition);
            Long end = consumer.endOffsets(Set.of(p), BROKER_TIMEOUT).get(p);
            if (end == null || offset < 0 || offset >= end) {
                return Optional.empty();
            }
            consumer.assign(Set.of(p));
            consumer.seek(p, offset);
            long deadline = System.nanoTime() + BROKER_TIMEOUT.toNanos();
            while (consumer.position(p, BROKER_TIMEOUT) <= offset) {
                if (System.nanoTime() > deadline) {
                    throw new ParkingUnavailableException("parked record " + id + " was not read in time", null);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() == offset) {
                        return Optional.of(r);
                    }
                }
            }
            return Optional.empty();  // removed by retention, or a transaction marker's offset
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new ParkingUnavailableException("the dead-letter topic cannot be read: " + e, e);
        }
    }

    private List<ParkedRecord> describe(List<ConsumerRecord<String, String>> records) {
        Map<String, Instant> resubmitted = resubmissions.of(records.stream().map(ParkedRecords::mark).toList());
        return records.stream().map(r -> new ParkedRecord(id(r), Instant.ofEpochMilli(r.timestamp()),
                header(r, DeadLetterRecord.REASON), origin(r),
                r.key(), header(r, "eventId"), header(r, "type"), r.value(), header(r, RESUBMITTED_FROM),
                resubmitted.get(mark(r)))).toList();
    }

    /** Where the consumer read the parked record: {@code topic-partition@offset}. */
    private static String origin(ConsumerRecord<String, String> r) {
        return header(r, DeadLetterRecord.ORIGINAL_TOPIC) + "-" + header(r, DeadLetterRecord.ORIGINAL_PARTITION) + "@"
                + header(r, DeadLetterRecord.ORIGINAL_OFFSET);
    }

    private static String id(ConsumerRecord<String, String> r) {
        return r.partition() + "-" + r.offset();
    }

    /**
     * What the resubmission table keys a record by: its id and the time it was parked, so that a dead-letter topic
     * deleted and created again (offsets from zero) does not inherit the old records' marks.
     */
    private static String mark(ConsumerRecord<String, String> r) {
        return id(r) + "-" + r.timestamp();
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "playball-groups-parking-reader");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        props.putAll(KafkaClientSecurity.forPrincipal(ConfigProvider.getConfig(), "groups"));
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "playball-groups-resubmitter");
            // writes to user-events: a principal of its own where the ACLs keep that topic to auth
            props.putAll(KafkaClientSecurity.forPrincipal(ConfigProvider.getConfig(), "repair"));
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
