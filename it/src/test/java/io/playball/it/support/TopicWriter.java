package io.playball.it.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records straight to user-events, as a misbehaving or replaying producer would. Each record carries the
 * {@link #WRITTEN_BY_TEST} header, so that the contract check of what the product writes can tell them apart.
 */
public final class TopicWriter implements AutoCloseable {

    public static final String WRITTEN_BY_TEST = "playball-written-by-test";

    private final KafkaProducer<String, String> producer;

    public TopicWriter() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("playball.kafka.bootstrap", "127.0.0.1:9092"));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props);
    }

    public void send(String key, String value) {
        send(key, value, Map.of());
    }

    /** With these headers on the record. */
    public void send(String key, String value, Map<String, String> headers) {
        sendTo(UserEventsTopic.TOPIC, key, value, headers);
    }

    /** To another topic (the dead-letter topic, say). */
    public void sendTo(String topic, String key, String value, Map<String, String> headers) {
        ProducerRecord<String, String> record = marked(new ProducerRecord<>(topic, key, value));
        headers.forEach((name, v) -> record.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not write to " + topic, e);
        }
    }

    /** Key-value pairs in one burst: all sent before any acknowledgement is awaited. */
    public void sendAll(java.util.List<String[]> keyValues) {
        java.util.List<java.util.concurrent.Future<?>> sent = keyValues.stream()
                .<java.util.concurrent.Future<?>>map(kv -> producer.send(
                        marked(new ProducerRecord<>(UserEventsTopic.TOPIC, kv[0], kv[1]))))
                .toList();
        for (java.util.concurrent.Future<?> f : sent) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("could not write to " + UserEventsTopic.TOPIC, e);
            }
        }
    }

    private static ProducerRecord<String, String> marked(ProducerRecord<String, String> record) {
        record.headers().add(WRITTEN_BY_TEST, new byte[0]);
        return record;
    }

    /** A well-formed event of the contract. */
    public static String event(UUID eventId, String type, String userId, long version, String displayName) {
        String name = displayName == null ? "" : ",\"displayName\":\"" + displayName + "\"";
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"" + type + "\",\"schemaVersion\":1,\"userId\":\"" + userId
                + "\",\"userVersion\":" + version + ",\"occurredAt\":\"" + Instant.now() + "\"" + name + "}";
    }

    @Override
    public void close() {
        producer.close();
    }
}
