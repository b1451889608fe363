package io.playball.groups.api;

import io.playball.groups.parking.ParkedRecord;
import java.time.Instant;
import java.util.List;

/**
 * A parked record as the operations API shows it: the store's type stays free to change without changing the API.
 *
 * @param id              {@code partition-offset} on the dead-letter topic
 * @param origin          where the consumer read it: {@code topic-partition@offset}
 * @param eventId         from the record's headers; null when the producer set none
 * @param type            from the record's headers; null when the producer set none
 * @param resubmittedFrom the parked record this one is a resubmission of (parked again); null if none
 * @param resubmittedAt   when an operator last sent it back to the consumer; null if never
 */
public record ParkedRecordView(String id, Instant parkedAt, String reason, String origin, String key, String eventId,
                               String type, String value, String resubmittedFrom, Instant resubmittedAt) {

    static ParkedRecordView of(ParkedRecord r) {
        return new ParkedRecordView(r.id(), r.parkedAt(), r.reason(), r.origin(), r.key(), r.eventId(), r.type(),
                r.value(), r.resubmittedFrom(), r.resubmittedAt());
    }

    static List<ParkedRecordView> of(List<ParkedRecord> records) {
        return records.stream().map(ParkedRecordView::of).toList();
    }
}
