package io.playball.groups.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One event this service has consumed, keyed by its id: the record that it must never be applied again. */
@Entity
@Table(name = "inbox_event")
public class InboxEntry {

    @Id
    @Column(name = "event_id", length = 36)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Column(name = "user_version", nullable = false)
    private long userVersion;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected InboxEntry() {
    }

    InboxEntry(String eventId, String eventType, String userId, long userVersion, Instant receivedAt) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.userId = userId;
        this.userVersion = userVersion;
        this.receivedAt = receivedAt;
        this.outcome = "APPLIED";
    }

    void outcome(String outcome) {
        this.outcome = outcome;
    }
}
