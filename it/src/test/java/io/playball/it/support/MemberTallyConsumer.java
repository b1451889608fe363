package io.playball.it.support;

import io.playball.outbox.Inbox;
import io.playball.platform.schema.SchemaMigrator;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer of {@code group-events} as another team would write one on the outbox library: it keeps each group's
 * member count in a database of its own (in-memory Derby, in the test's JVM) and applies each poll's records through
 * {@link Inbox#applyOnce} in the transaction that changes the counts. Its offsets are committed after that
 * transaction, so it receives at least once (and everything again after {@link #startFrom} an earlier point); the
 * inbox is all that keeps a count from taking an event twice.
 */
public final class MemberTallyConsumer implements AutoCloseable {

    private static final String UNIT = "member-tally";
    private static final String GROUP_ID = "playball-it-member-tally";

    private final EntityManagerFactory factory;
    private final EntityManager em;
    private final Inbox inbox;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, String>> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Map<TopicPartition, Long> committed = Map.of();
    private volatile boolean running;
    private Thread worker;

    /** One change as this consumer reads the contract: only the fields it needs. */
    private record Change(String eventId, String type, String groupId, long groupVersion) {

        static Change of(ConsumerRecord<String, String> record) {
            JsonObject json = Json.parse(record.value());
            return new Change(json.getString("eventId"), json.getString("type"), json.getString("groupId"),
                    json.getJsonNumber("groupVersion").longValue());
        }

        Inbox.Key key() {
            return new Inbox.Key(eventId, type, groupId, groupVersion);
        }
    }

    /** A fresh database, and the consumer reading from the topic's end on. */
    public static MemberTallyConsumer fromTheEnd() {
        MemberTallyConsumer tally = new MemberTallyConsumer();
        tally.startFrom(null);
        Poll.until("the tally consumer to be assigned group-events", Duration.ofSeconds(60),
                () -> !tally.committed().isEmpty());
        return tally;
    }

    private MemberTallyConsumer() {
        EmbeddedDataSource dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:" + UNIT + "-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        try {
            new SchemaMigrator(UNIT, dataSource, "db/member-tally-changelog.xml",
                    MemberTallyConsumer.class.getClassLoader()).migrate();
        } catch (Exception e) {
            throw new IllegalStateException("could not create the tally's schema", e);
        }
        factory = Persistence.createEntityManagerFactory(UNIT, Map.of(
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "eclipselink.weaving", "false",
                "eclipselink.logging.level", "WARNING"));
        em = factory.createEntityManager();
        inbox = new Inbox(em, Clock.systemUTC());
    }

    /**
     * Starts consuming: from {@code offsets} when given (a rewind: what was applied since arrives again), else from
     * the offsets it last committed, else from the topic's end.
     */
    public synchronized void startFrom(Map<TopicPartition, Long> offsets) {
        if (worker != null) {
            throw new IllegalStateException("already consuming");
        }
        running = true;
        worker = new Thread(() -> consume(offsets), "member-tally-consumer");
        worker.setDaemon(true);
        worker.start();
    }

    /** Stops after the poll in hand, without committing anything more: a consumer taken down. */
    public synchronized void stop() {
        running = false;
        if (worker != null) {
            try {
                worker.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (worker.isAlive()) {
                throw new AssertionError("the tally consumer did not stop within 60 s");
            }
            worker = null;
        }
    }

    private void consume(Map<TopicPartition, Long> from) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(GroupEventsTopic.TOPIC, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> last = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition p : partitions) {
                if (from != null) {
                    consumer.seek(p, from.get(p));
                } else if (last.get(p) != null) {
                    consumer.seek(p, last.get(p).offset());
                } else {
                    consumer.seekToEnd(List.of(p));
                }
            }
            commit(consumer, partitions);
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (!records.isEmpty()) {
                    apply(records);
                    commit(consumer, partitions);
                }
            }
        } catch (RuntimeException e) {
            failures.add(e.toString());
            throw e;
        }
    }

    /** The positions after what was applied; a broker away keeps them uncommitted until the next poll's commit. */
    private void commit(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition p : partitions) {
            offsets.put(p, new OffsetAndMetadata(consumer.position(p)));
        }
        try {
            consumer.commitSync(offsets);
            Map<TopicPartition, Long> now = new HashMap<>();
            offsets.forEach((p, o) -> now.put(p, o.offset()));
            committed = Map.copyOf(now);
        } catch (KafkaException e) {
            System.out.println("The tally consumer could not commit its offsets yet: " + e);
        }
    }

    /** One transaction for the poll: the inbox rows and the counts commit together, or neither does. */
    private void apply(ConsumerRecords<String, String> records) {
        List<Change> changes = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            received.add(record);
            try {
                changes.add(Change.of(record));
            } catch (RuntimeException e) {
                unreadable.incrementAndGet();  // not the contract; a real consumer would park it
            }
        }
        em.getTransaction().begin();
        try {
            List<String> outcomes = inbox.applyOnce(changes, Change::key, this::count, "DUPLICATE");
            em.getTransaction().commit();
            outcomes.forEach(o -> (o.equals("DUPLICATE") ? duplicates : applied).incrementAndGet());
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();
        }
    }

    private String count(Change change) {
        MemberTally tally = em.find(MemberTally.class, change.groupId());
        if (change.type().equals("GroupCreated")) {
            if (tally == null) {
                em.persist(new MemberTally(change.groupId(), change.groupVersion()));
            }
            return "APPLIED";
        }
        if (tally == null) {
            return "UNKNOWN_GROUP";  // created before this consumer began
        }
        switch (change.type()) {
            case "MemberJoined" -> tally.joined(change.groupVersion());
            case "MemberLeft" -> tally.left(change.groupVersion());
            case "GroupDeleted" -> tally.deleted(change.groupVersion());
            default -> tally.changed(change.groupVersion());
        }
        return "APPLIED";
    }

    /**
     * Writes copies of every {@code nth} record received so far to the topic again (key, value, headers), as a
     * producer that replays would; the copies carry {@link TopicWriter#WRITTEN_BY_TEST}.
     *
     * @return how many were written
     */
    public int writeCopiesOfReceived(int nth) {
        List<ConsumerRecord<String, String>> sample;
        synchronized (received) {
            sample = new ArrayList<>();
            for (int i = 0; i < received.size(); i += nth) {
                sample.add(received.get(i));
            }
        }
        try (TopicWriter writer = new TopicWriter()) {
            for (ConsumerRecord<String, String> r : sample) {
                Map<String, String> headers = new HashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
                writer.sendTo(r.topic(), r.key(), r.value(), headers);
            }
        }
        return sample.size();
    }

    /** Every group this consumer saw created, as it counts it now. */
    public List<MemberTally> tallies() {
        EntityManager reader = factory.createEntityManager();
        try {
            return reader.createQuery("SELECT t FROM MemberTally t", MemberTally.class).getResultList();
        } finally {
            reader.close();
        }
    }

    /** The offsets it last committed: where a start without a rewind resumes. */
    public Map<TopicPartition, Long> committed() {
        return committed;
    }

    public long applied() {
        return applied.get();
    }

    /** Events the inbox knew already, and kept from the counts. */
    public long duplicates() {
        return duplicates.get();
    }

    public long unreadable() {
        return unreadable.get();
    }

    /** What stopped the consumer, if anything did. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public void awaitApplied(String what, long atLeast, Duration timeout) {
        Poll.until(what + " (" + atLeast + " events applied by the tally consumer)", timeout, () -> {
            if (!failures.isEmpty()) {
                throw new AssertionError("the tally consumer stopped: " + failures);
            }
            return applied.get() >= atLeast;
        });
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty("playball.kafka.bootstrap", "127.0.0.1:9092"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);  // a commit while the broker is away
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public void close() {
        stop();
        em.close();
        factory.close();
    }
}
