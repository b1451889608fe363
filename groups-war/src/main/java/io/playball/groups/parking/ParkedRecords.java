package io.playball.groups.parking;

import io.playball.groups.messaging.UserEventConsumer;
import io.playball.outbox.DeadLetterRecord;
import io.playball.platform.kafka.KafkaClientSecurity;
import io.playball.platform.persistence.SqlFailures;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's tools for parked records. The dead-letter topic is the list (read from the broker on each call,
 * never consumed: nothing is removed from it); sending one back hands its key, value and headers to the consumer's
 * applier in this server, which treats it like a record it received: applied if it can now be read, a duplicate if
 * its event was applied meanwhile, parked again with its reason if it still cannot be read. Nothing is written to
 * {@code user-events}: what a parked record says reaches groups' view alone, never the topic's other consumers.
 */
@ApplicationScoped
public class ParkedRecords {

    /** Marks a record that an operator sent back; names the parked record it came from. */
    public static final String RESUBMITTED_FROM = "playball-resubmitted-from";

    private static final Logger LOG = Logger.getLogger(ParkedRecords.class.getName());
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);
    /** How long a resubmission waits for the consumer to apply the record (or park it again). */
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    @ConfigProperty(name = "mp.messaging.connector.liberty-kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-dlq-out.topic", defaultValue = "user-events.dlq")
    String deadLetterTopic;

    @Inject
    Resubmissions resubmissions;

    @Inject
    UserEventConsumer userEvents;

    @Inject
    Clock clock;

    /** The latest {@code limit} parked records, oldest first. */
    public List<ParkedRecord> list(int limit) {
        return describe(latest(limit));
    }

    public Optional<ParkedRecord> find(String id) {
        return read(id).map(r -> describe(List.of(r)).get(0));
    }

    /** Sends one parked record back to the consumer; empty if there is no such record. */
    public Optional<ParkedRecord> resubmit(String id) {
        return read(id).map(parked -> handled(parked, handOver(parked)));
    }

    /** Sends back every one of the latest {@code limit} parked records that was not sent back before. */
    public List<ParkedRecord> resubmitAll(int limit) {
        List<ConsumerRecord<String, String>> records = latest(limit);
        Map<String, Instant> done = resubmissions.of(records.stream().map(ParkedRecords::mark).toList());
        List<ConsumerRecord<String, String>> sent = records.stream().filter(r -> !done.containsKey(mark(r))).toList();
        List<CompletableFuture<Void>> handling = sent.stream().map(this::handOver).toList();
        List<ParkedRecord> answers = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            answers.add(handled(sent.get(i), handling.get(i)));
        }
        return answers;
    }

    /** The parked record, as the consumer would have received it, marked as sent back, to the consumer's applier. */
    private CompletableFuture<Void> handOver(ConsumerRecord<String, String> parked) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : parked.headers()) {
            if (!header.key().startsWith("dlq-") && !header.key().equals(RESUBMITTED_FROM)) {
                headers.add(header);
            }
        }
        headers.add(RESUBMITTED_FROM, id(parked).getBytes(StandardCharsets.UTF_8));
        return userEvents.resubmitted(new ConsumerRecord<>(parked.topic(), parked.partition(), parked.offset(),
                parked.timestamp(), parked.timestampType(), parked.serializedKeySize(), parked.serializedValueSize(),
                parked.key(), parked.value(), headers, Optional.empty())).toCompletableFuture();
    }

    /** Waits until the consumer has applied, skipped or parked again the record, then marks it as sent back. */
    private ParkedRecord handled(ConsumerRecord<String, String> parked, CompletableFuture<Void> handling) {
        String id = id(parked);
        try {
            handling.get(APPLY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParkingUnavailableException("interrupted while parked record " + id + " was applied", e);
        } catch (TimeoutException e) {
            throw new ParkingUnavailableException("parked record " + id + " was not applied within "
                    + APPLY_TIMEOUT.toSeconds() + " s: the consumer is busy or stalled (see readiness); it applies"
                    + " the record when it can, and sending it again is safe", e);
        } catch (ExecutionException e) {
            throw new ParkingUnavailableException("parked record " + id + " could not be applied: " + e.getCause(), e);
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
        LOG.log(Level.INFO, "Resubmitted parked record {0} (event {1}, type {2}, user {3}): handled by the consumer",
                new Object[] {id, sent.eventId(), sent.type(), sent.key()});
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
}
