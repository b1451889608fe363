package io.playball.outbox.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One event this service has consumed, keyed by its id: the record that it must never be applied again. The
 * aggregate's id and version are the event's record key and ordering version; an application whose table names
 * those columns otherwise maps them in its {@code orm.xml}.
 */
@Entity
@Table(name = "inbox_event")
public class InboxEntry {

    @Id
    @Column(name = "event_id", length = 36)
    private String eventId;

    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;

    @Column(name = "aggregate_id", nullable = false, length = 36)
    private String aggregateId;

    @Column(name = "aggregate_version", nullable = false)
    private long aggregateVersion;

    @Column(name = "outcome", nullable = false, length = 16)
    private String outcome;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    protected InboxEntry() {
    }

    public InboxEntry(String eventId, String eventType, String aggregateId, long aggregateVersion, Instant receivedAt) {
        this.eventId = eventId;
        this.eventType = eventType;
        this.aggregateId = aggregateId;
        this.aggregateVersion = aggregateVersion;
        this.receivedAt = receivedAt;
        this.outcome = "APPLIED";
    }

    public void outcome(String outcome) {
        this.outcome = outcome;
    }
}
