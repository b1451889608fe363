package io.playball.groups.messaging;

import io.playball.outbox.CloudEventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The Kafka edge of groups' outbox: its rows go to the {@code group-events-out} channel (liberty-kafka), keyed by
 * group id, each a CloudEvent of type {@code io.playball.group.<type>} from {@code /playball/groups}.
 */
@ApplicationScoped
public class GroupEventPublisher extends CloudEventPublisher {

    @Inject
    @Channel("group-events-out")
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<ProducerRecord<String, String>> emitter;

    public GroupEventPublisher() {
        super("group-events-out", "io.playball.group.", "/playball/groups");
    }

    @Override
    protected CompletionStage<Void> send(ProducerRecord<String, String> record) {
        return emitter.send(record);
    }
}
