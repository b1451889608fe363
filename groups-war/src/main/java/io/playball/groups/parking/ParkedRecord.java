package io.playball.groups.parking;

import java.time.Instant;

/**
 * A record on the dead-letter topic, as an operator sees it.
 *
 * @param id            {@code partition-offset} on the dead-letter topic
 * @param origin        where the consumer read it: {@code topic-partition@offset}
 * @param eventId       from the record's headers; null when the producer set none
 * @param type          from the record's headers; null when the producer set none
 * @param resubmittedFrom the parked record this one is a resubmission of (parked again); null if none
 * @param resubmittedAt   when an operator last sent it back to the consumer; null if never
 */
public record ParkedRecord(String id, Instant parkedAt, String reason, String origin, String key, String eventId,
                           String type, String value, String resubmittedFrom, Instant resubmittedAt) {

    ParkedRecord resubmitted(Instant at) {
        return new ParkedRecord(id, parkedAt, reason, origin, key, eventId, type, value, resubmittedFrom, at);
    }
}
