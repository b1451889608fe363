package io.playball.auth.outbox;

import java.time.Instant;

/**
 * An outbox row on its way to Kafka: everything the relay needs to send it, nothing it needs to look up, and until
 * when this relay's claim on it holds (null for a row nobody has claimed). Fired as a CDI event inside the writing
 * transaction and observed after it commits.
 */
public record PendingEvent(String eventId, String type, String userId, Instant occurredAt, String payload,
                           Instant claimedUntil) {
}
