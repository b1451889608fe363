package io.playball.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An event as the application hands it to the outbox: already encoded, with what the relay needs to send it.
 *
 * @param eventId          unique per event, what consumers deduplicate on
 * @param type             the event's type, sent in a header (at most 32 characters)
 * @param key              the record key (at most 36 characters): one aggregate's events stay in one partition
 * @param aggregateVersion the aggregate's version after the change, kept on the row for operators
 * @param occurredAt       the change's time: the age of a backlog counts from it
 * @param payload          the record's value (at most 4,000 characters)
 */
public record OutboxMessage(String eventId, String type, String key, long aggregateVersion, Instant occurredAt,
                            String payload) {

    public OutboxMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }
}
