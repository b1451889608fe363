package io.playball.auth.messaging;

import io.playball.outbox.CloudEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The Kafka edge of auth: the outbox's rows go to the {@code user-events-out} channel (liberty-kafka), keyed by user
 * id, each a CloudEvent of type {@code io.playball.user.<type>} from {@code /playball/auth}.
 */
@ApplicationScoped
public class UserEventPublisher extends CloudEventPublisher {

    @Inject
    @Channel("user-events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<ProducerRecord<String, String>> emitter;

    public UserEventPublisher() {
        super("user-events-out", "io.playball.user.", "/playball/auth");
    }

    @Override
    protected CompletionStage<Void> send(ProducerRecord<String, String> record) {
        return emitter.send(record);
    }
}
