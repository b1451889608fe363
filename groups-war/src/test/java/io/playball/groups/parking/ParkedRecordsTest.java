package io.playball.groups.parking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.outbox.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class ParkedRecordsTest {

    @Test
    void twoCopiesOfOneParkedRecordAreListedOnce() {
        List<ConsumerRecord<String, String>> read = List.of(parked(7, 42), parked(8, 42), parked(9, 43), plain(10));
        List<ConsumerRecord<String, String>> kept = ParkedRecords.onePerOrigin(read);
        assertEquals(List.of(7L, 9L, 10L), kept.stream().map(ConsumerRecord::offset).toList());
    }

    private static ConsumerRecord<String, String> parked(long offset, long originalOffset) {
        ConsumerRecord<String, String> r = plain(offset);
        r.headers().add(DeadLetterRecord.ORIGINAL_TOPIC, bytes("user-events"))
                .add(DeadLetterRecord.ORIGINAL_PARTITION, bytes("3"))
                .add(DeadLetterRecord.ORIGINAL_OFFSET, bytes(Long.toString(originalOffset)));
        return r;
    }

    private static ConsumerRecord<String, String> plain(long offset) {
        return new ConsumerRecord<>("user-events.dlq", 0, offset, "key", "value");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
