package io.playball.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {

    @Test
    void theParkedRecordKeepsKeyValueAndHeadersAndSaysWhyAndWhereFrom() {
        ConsumerRecord<String, String> original = new ConsumerRecord<>("group-events", 2, 41L, "g-1", "{not json");
        original.headers().add("eventId", bytes("e-1"));

        ProducerRecord<String, String> parked = DeadLetterRecord.of("group-events.dlq", original, "unreadable JSON");

        assertEquals("group-events.dlq", parked.topic());
        assertEquals("g-1", parked.key());
        assertEquals("{not json", parked.value());
        assertEquals("e-1", header(parked, "eventId"));
        assertEquals("unreadable JSON", header(parked, DeadLetterRecord.REASON));
        assertEquals("group-events", header(parked, DeadLetterRecord.ORIGINAL_TOPIC));
        assertEquals("2", header(parked, DeadLetterRecord.ORIGINAL_PARTITION));
        assertEquals("41", header(parked, DeadLetterRecord.ORIGINAL_OFFSET));
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
