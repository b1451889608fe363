package io.playball.bench;

import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The peer-debezium publisher, in a JVM of its own so that /proc gives its CPU alone: Debezium's embedded engine reads
 * auth's outbox table from PostgreSQL's logical replication stream, its outbox event router turns each insert into a
 * {@code user-events} record (key, payload and headers from the row's columns), and this class sends each batch with
 * a producer set as auth's, waits for the broker, then has the sent rows deleted, as auth's relay does. Started and
 * stopped by {@link DebeziumPeer}; prints {@value #STREAMING} once the connector streams.
 *
 * <p>Arguments: the engine's properties file, then the producer's bootstrap servers, the JDBC URL and user for the
 * deletes, and the outbox table.
 */
public final class DebeziumRelay {

    static final String STREAMING = "debezium-relay: streaming";

    private DebeziumRelay() {
    }

    public static void main(String[] args) throws Exception {
        Properties engine = new Properties();
        try (InputStream in = new FileInputStream(args[0])) {
            engine.load(in);
        }
        String bootstrap = args[1];
        try (KafkaProducer<String, String> producer = producer(bootstrap);
             SentRowCleaner cleaner = new SentRowCleaner(DriverManager.getConnection(args[2], args[3],
                     System.getenv().getOrDefault("BENCH_PG_PASSWORD", "")), args[4])) {
            ExecutorService runner = Executors.newSingleThreadExecutor(r -> new Thread(r, "debezium-engine"));
            try (DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> dbz = DebeziumEngine.create(Connect.class)
                    .using(engine)
                    .using(new DebeziumEngine.ConnectorCallback() {
                        @Override
                        public void taskStarted() {
                            System.out.println(STREAMING);
                            System.out.flush();
                        }
                    })
                    .using((success, message, error) -> {
                        if (!success) {
                            System.err.println("debezium-relay: the engine stopped: " + message);
                            if (error != null) {
                                error.printStackTrace();
                            }
                        }
                    })
                    .notifying((records, committer) -> {
                        send(producer, records);
                        cleaner.sent(ids(records));
                        for (ChangeEvent<SourceRecord, SourceRecord> r : records) {
                            committer.markProcessed(r);
                        }
                        committer.markBatchFinished();
                    })
                    .build()) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        dbz.close();  // flushes the offsets: the slot's confirmed position moves on
                    } catch (Exception e) {
                        System.err.println("debezium-relay: close failed: " + e);
                    }
                }, "debezium-relay-stop"));
                runner.submit(dbz).get();
            } finally {
                runner.shutdownNow();
                runner.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    /** As auth's producer: every replica acknowledges, idempotent, no linger. */
    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "playball-bench-debezium");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, List<ChangeEvent<SourceRecord, SourceRecord>> records)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        for (ChangeEvent<SourceRecord, SourceRecord> change : records) {
            SourceRecord r = change.value();
            ProducerRecord<String, String> out = new ProducerRecord<>(r.topic(), text(r.key()), text(r.value()));
            for (Header h : r.headers()) {
                if (h.value() != null) {
                    out.headers().add(h.key(), text(h.value()).getBytes(StandardCharsets.UTF_8));
                }
            }
            sent.add(producer.send(out));
        }
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                // the engine stops, uncommitted: a restart streams the batch again (at least once, as Debezium is)
                throw new IllegalStateException("send failed", e.getCause());
            }
        }
    }

    /** The event ids of a sent batch (the router puts each in the record's "id" header). */
    private static List<String> ids(List<ChangeEvent<SourceRecord, SourceRecord>> records) {
        List<String> ids = new ArrayList<>(records.size());
        for (ChangeEvent<SourceRecord, SourceRecord> change : records) {
            Header id = change.value().headers().lastWithName("id");
            if (id != null && id.value() != null) {
                ids.add(text(id.value()));
            }
        }
        return ids;
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : value.toString();
    }
}
