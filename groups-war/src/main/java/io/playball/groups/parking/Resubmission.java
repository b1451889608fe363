package io.playball.groups.parking;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** That an operator sent a parked record back to the consumer, and when (the topic itself cannot be marked). */
@Entity
@Table(name = "parked_resubmission")
public class Resubmission {

    @Id
    @Column(name = "record_id", length = 60)
    private String recordId;

    @Column(name = "resubmitted_at", nullable = false)
    private Instant resubmittedAt;

    protected Resubmission() {
    }

    Resubmission(String recordId, Instant resubmittedAt) {
        this.recordId = recordId;
        this.resubmittedAt = resubmittedAt;
    }

    String recordId() {
        return recordId;
    }

    Instant resubmittedAt() {
        return resubmittedAt;
    }

    void again(Instant at) {
        resubmittedAt = at;
    }
}
