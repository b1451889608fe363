package io.playball.groups.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Parks a record that can never be applied on {@code user-events.dlq}: the original key, value and headers, plus the
 * reason and where it came from, so that an operator can inspect it and send it back after a fix.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String REASON = "dlq-reason";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    @Inject
    @Channel("user-events-dlq-out")
    Emitter<ProducerRecord<String, String>> emitter;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-dlq-out.topic", defaultValue = "user-events.dlq")
    String topic;

    /** Completes when the broker has the parked record. */
    public CompletionStage<Void> park(ConsumerRecord<String, String> original, String reason) {
        ProducerRecord<String, String> parked = new ProducerRecord<>(topic, original.key(), original.value());
        for (Header header : original.headers()) {
            parked.headers().add(header);
        }
        parked.headers()
                .add(REASON, bytes(reason))
                .add(ORIGINAL_TOPIC, bytes(original.topic()))
                .add(ORIGINAL_PARTITION, bytes(Integer.toString(original.partition())))
                .add(ORIGINAL_OFFSET, bytes(Long.toString(original.offset())));
        try {
            return emitter.send(parked);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
