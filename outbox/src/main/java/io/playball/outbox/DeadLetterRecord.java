package io.playball.outbox;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A record that can never be applied, as it is parked on a dead-letter topic: its original key, value and headers,
 * plus the reason and where it was read, so that an operator can inspect it and send it back after a fix. The
 * application sends it through its own dead-letter channel.
 */
public final class DeadLetterRecord {

    public static final String REASON = "dlq-reason";
    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";

    private DeadLetterRecord() {
    }

    public static ProducerRecord<String, String> of(String deadLetterTopic, ConsumerRecord<String, String> original,
                                                    String reason) {
        ProducerRecord<String, String> parked = new ProducerRecord<>(deadLetterTopic, original.key(),
                original.value());
        for (Header header : original.headers()) {
            parked.headers().add(header);
        }
        parked.headers()
                .add(REASON, bytes(reason))
                .add(ORIGINAL_TOPIC, bytes(original.topic()))
                .add(ORIGINAL_PARTITION, bytes(Integer.toString(original.partition())))
                .add(ORIGINAL_OFFSET, bytes(Long.toString(original.offset())));
        return parked;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
