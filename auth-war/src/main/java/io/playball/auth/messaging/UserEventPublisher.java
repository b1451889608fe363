package io.playball.auth.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The Kafka edge of auth: hands one already-encoded event to the {@code user-events-out} channel (liberty-kafka).
 * The record key is the user id, so one user's events stay in one partition, in order. The headers make the record a
 * CloudEvent in Kafka's binary mode (the body is the event's data, unchanged), beside the older {@code eventId} and
 * {@code type} headers that tools already read.
 */
@ApplicationScoped
public class UserEventPublisher {

    /** CloudEvents {@code type} is this prefix and the event's type: {@code io.playball.user.UserUpdated}. */
    public static final String CLOUDEVENT_TYPE_PREFIX = "io.playball.user.";
    public static final String CLOUDEVENT_SOURCE = "/playball/auth";

    @Inject
    @Channel("user-events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<ProducerRecord<String, String>> emitter;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-out.topic", defaultValue = "user-events")
    String topic;

    /**
     * Sends the record; the stage completes when the broker has acknowledged it and fails when it cannot be sent.
     * May block up to the producer's {@code max.block.ms}: never call it on a request thread.
     */
    public CompletionStage<Void> publish(String eventId, String type, String userId, Instant occurredAt,
                                         String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, userId, json);
        record.headers()
                .add("eventId", bytes(eventId))
                .add("type", bytes(type))
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(eventId))
                .add("ce_type", bytes(CLOUDEVENT_TYPE_PREFIX + type))
                .add("ce_source", bytes(CLOUDEVENT_SOURCE))
                .add("ce_time", bytes(occurredAt.toString()))
                .add("ce_subject", bytes(userId))
                .add("content-type", bytes("application/json"));
        try {
            return emitter.send(record);
        } catch (RuntimeException e) {  // buffer full, channel down
            return CompletableFuture.failedFuture(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
