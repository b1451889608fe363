package io.playball.auth.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The Kafka edge of auth: hands one already-encoded event to the {@code user-events-out} channel (liberty-kafka).
 * The record key is the user id, so one user's events stay in one partition, in order.
 */
@ApplicationScoped
public class UserEventPublisher {

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
    public CompletionStage<Void> publish(String eventId, String type, String userId, String json) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, userId, json);
        record.headers()
                .add("eventId", eventId.getBytes(StandardCharsets.UTF_8))
                .add("type", type.getBytes(StandardCharsets.UTF_8));
        try {
            return emitter.send(record);
        } catch (RuntimeException e) {  // buffer full, channel down
            return CompletableFuture.failedFuture(e);
        }
    }
}
