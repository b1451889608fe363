package io.playball.groups.messaging;

import io.playball.outbox.DeadLetterRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Parks a user event that can never be applied on {@code user-events.dlq}, as a {@link DeadLetterRecord}. */
@ApplicationScoped
public class DeadLetters {

    @Inject
    @Channel("user-events-dlq-out")
    Emitter<ProducerRecord<String, String>> emitter;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-dlq-out.topic", defaultValue = "user-events.dlq")
    String topic;

    /** Completes when the broker has the parked record. */
    public CompletionStage<Void> park(ConsumerRecord<String, String> original, String reason) {
        try {
            return emitter.send(DeadLetterRecord.of(topic, original, reason));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
