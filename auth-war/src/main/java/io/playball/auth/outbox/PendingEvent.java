package io.playball.auth.outbox;

/**
 * An outbox row on its way to Kafka: everything the relay needs to send it, nothing it needs to look up.
 * Fired as a CDI event inside the writing transaction and observed after it commits.
 */
public record PendingEvent(String eventId, String type, String userId, String payload) {
}
