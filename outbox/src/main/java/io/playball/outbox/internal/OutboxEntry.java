package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.persistence.annotations.Customizer;

/**
 * One event waiting to be sent. Written in the transaction of the change it describes, deleted once Kafka has it.
 * A row is claimed by a relay ({@code claimedBy} until {@code claimedUntil}) while a send is in flight, so that
 * relays sharing the database do not send the same row at the same time; a claim that expires is taken over.
 */
@Entity
@Table(name = "outbox_event")
@Customizer(OutboxTableMapping.class)  // the table named by playball.outbox.table
@NamedQueries({
    // Due rows whose key has no older row that is waiting out a backoff or claimed by another relay: each key's due
    // rows from its oldest on, or from right behind the ones this relay holds, so that a relay holds a key's rows as
    // one run from the oldest or none of them
    @NamedQuery(name = "OutboxEntry.due", query = OutboxEntry.DUE + " ORDER BY e.createdAt, e.eventId"),
    // The same, but for keys of which this relay holds a claim's worth already
    @NamedQuery(name = "OutboxEntry.dueSkipping",
            query = OutboxEntry.DUE + " AND e.aggregateId NOT IN :skip ORDER BY e.createdAt, e.eventId"),
    @NamedQuery(name = "OutboxEntry.claim",
            query = "UPDATE OutboxEntry e SET e.claimedBy = :owner, e.claimedUntil = :until WHERE e.eventId IN :ids"
                    + " AND (e.claimedUntil IS NULL OR e.claimedUntil < :now)"),
    @NamedQuery(name = "OutboxEntry.claimOne",
            query = "UPDATE OutboxEntry e SET e.claimedBy = :owner, e.claimedUntil = :until WHERE e.eventId = :id"
                    + " AND (e.claimedUntil IS NULL OR e.claimedUntil < :now)"),
    @NamedQuery(name = "OutboxEntry.byId", query = "SELECT e FROM OutboxEntry e WHERE e.eventId = :id"),
    // In the order the relay queues them: each key's rows in their places (as OLDER orders them), whatever their
    // times and ids (rows of one change share its time, and their ids are random)
    @NamedQuery(name = "OutboxEntry.won",
            query = "SELECT e FROM OutboxEntry e WHERE e.eventId IN :ids AND e.claimedBy = :owner"
                    + " AND e.claimedUntil = :until ORDER BY e.keySeq, e.createdAt, e.eventId"),
    // Rows of this claim with an older row of their key that is not this relay's (another relay claimed that one
    // meanwhile, or this relay's send of it failed)
    @NamedQuery(name = "OutboxEntry.behindOthers",
            query = "SELECT e.eventId FROM OutboxEntry e WHERE e.eventId IN :ids AND e.claimedBy = :owner"
                    + " AND e.claimedUntil = :until AND EXISTS (SELECT o.eventId FROM OutboxEntry o"
                    + " WHERE o.aggregateId = e.aggregateId AND " + OutboxEntry.OLDER
                    + " AND (o.claimedBy IS NULL OR o.claimedBy <> :owner OR o.claimedUntil < :now))"),
    // Rows of this claim with an older row of their key outside it: they follow rows this relay already holds
    @NamedQuery(name = "OutboxEntry.behindOwn",
            query = "SELECT e.eventId FROM OutboxEntry e WHERE e.eventId IN :ids AND e.claimedBy = :owner"
                    + " AND e.claimedUntil = :until AND EXISTS (SELECT o.eventId FROM OutboxEntry o"
                    + " WHERE o.aggregateId = e.aggregateId AND " + OutboxEntry.OLDER
                    + " AND (o.claimedUntil IS NULL OR o.claimedUntil <> :until))"),
    // Rows of this claim and the row right before each, where that row is outside the claim
    @NamedQuery(name = "OutboxEntry.predecessors",
            query = "SELECT e.eventId, o.eventId FROM OutboxEntry e, OutboxEntry o WHERE e.eventId IN :ids"
                    + " AND e.claimedBy = :owner AND e.claimedUntil = :until AND o.aggregateId = e.aggregateId"
                    + " AND o.keySeq = e.keySeq - 1 AND (o.claimedUntil IS NULL OR o.claimedUntil <> :until)"),
    // The rows older than this one of its key that still wait (with :id, the one asked about)
    @NamedQuery(name = "OutboxEntry.olderWaiting",
            query = "SELECT o.eventId FROM OutboxEntry o, OutboxEntry e WHERE e.eventId = :id"
                    + " AND o.aggregateId = e.aggregateId AND " + OutboxEntry.OLDER),
    // The rows of a key that wait, for the writer: their places and claims
    @NamedQuery(name = "OutboxEntry.ofKey",
            query = "SELECT e.keySeq, e.claimedBy, e.claimedUntil FROM OutboxEntry e WHERE e.aggregateId = :key"),
    @NamedQuery(name = "OutboxEntry.release",
            query = "UPDATE OutboxEntry e SET e.claimedBy = NULL, e.claimedUntil = NULL WHERE e.eventId IN :ids"
                    + " AND e.claimedBy = :owner"),
    @NamedQuery(name = "OutboxEntry.delete", query = "DELETE FROM OutboxEntry e WHERE e.eventId IN :ids"),
    @NamedQuery(name = "OutboxEntry.count", query = "SELECT COUNT(e) FROM OutboxEntry e"),
    @NamedQuery(name = "OutboxEntry.oldestFirst",
            query = "SELECT e FROM OutboxEntry e ORDER BY e.createdAt, e.eventId"),
    @NamedQuery(name = "OutboxEntry.oldest", query = "SELECT MIN(e.createdAt) FROM OutboxEntry e")
})
public class OutboxEntry {

    static final int MAX_ERROR_LENGTH = 1000;
    /**
     * JPQL: row {@code o} comes before row {@code e} of the same key (its place, then its time, then its id). The
     * leading bound on the place is implied by the rest; it lets the database read only the older rows from the
     * key's index rather than all the key's rows, which on a backlog of a few hundred rows per key was most of a
     * claim's time.
     */
    static final String OLDER = "(o.keySeq <= e.keySeq AND (o.keySeq < e.keySeq OR (o.keySeq = e.keySeq"
            + " AND (o.createdAt < e.createdAt OR (o.createdAt = e.createdAt AND o.eventId < e.eventId)))))";
    /** JPQL: the due rows (see the query of that name). */
    static final String DUE = "SELECT e.eventId FROM OutboxEntry e WHERE e.nextAttemptAt <= :now"
            + " AND (e.claimedUntil IS NULL OR e.claimedUntil < :now)"
            + " AND NOT EXISTS (SELECT o.eventId FROM OutboxEntry o WHERE o.aggregateId = e.aggregateId"
            + " AND " + OutboxEntry.OLDER
            + " AND (o.nextAttemptAt > :now OR (o.claimedUntil >= :now AND o.claimedBy <> :owner)))";

    @Id
    @Column(name = "event_id", length = 36)
    private String eventId;

    @Column(name = "aggregate_id", nullable = false, length = 36)
    private String aggregateId;

    @Column(name = "aggregate_version", nullable = false)
    private long aggregateVersion;

    /** The row's place among the waiting rows of its key: one past the last when it was written. */
    @Column(name = "key_seq", nullable = false)
    private long keySeq;

    @Column(name = "event_type", nullable = false, length = 32)
    private String eventType;

    /** A character large object: payloads up to the writer's limit, a mebibyte by default. */
    @Lob
    @Column(name = "payload", nullable = false)
    private String payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "claimed_by", length = 100)
    private String claimedBy;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "trace_parent", length = 55)
    private String traceParent;

    @Column(name = "trace_state", length = 512)
    private String traceState;

    protected OutboxEntry() {
    }

    /** A new row, already claimed by the relay of the server that wrote it (its fast path sends it after commit). */
    static OutboxEntry claimedOnWrite(PendingEvent event, long aggregateVersion, long keySeq, Instant now,
                                      String owner, Duration lease) {
        OutboxEntry e = unclaimed(event, aggregateVersion, keySeq, now);
        e.claimedBy = owner;
        e.claimedUntil = now.plus(lease);
        return e;
    }

    /** A new row no relay has claimed, due once {@code hold} has passed (zero: the next sweep's). */
    static OutboxEntry heldOnWrite(PendingEvent event, long aggregateVersion, long keySeq, Instant now, Duration hold) {
        return unclaimed(event, aggregateVersion, keySeq, now.plus(hold));
    }

    private static OutboxEntry unclaimed(PendingEvent event, long aggregateVersion, long keySeq, Instant due) {
        OutboxEntry e = new OutboxEntry();
        e.eventId = event.eventId();
        e.aggregateId = event.key();
        e.aggregateVersion = aggregateVersion;
        e.keySeq = keySeq;
        e.eventType = event.type();
        e.payload = event.payload();
        e.traceParent = event.traceParent();
        e.traceState = event.traceState();
        e.createdAt = event.occurredAt();  // the change's own time: the age of the backlog counts from it
        e.nextAttemptAt = due;
        return e;
    }

    /** Whether {@code owner}'s claim is the one on this row now (a claim that expired may have been taken over). */
    boolean claimedBy(String owner) {
        return owner.equals(claimedBy);
    }

    /** Records a failed send: the claim is released and the next attempt waits for an exponential backoff. */
    void failed(String error, Instant now, Backoff backoff) {
        attempts++;
        nextAttemptAt = now.plus(backoff.after(attempts));
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR_LENGTH));
        claimedBy = null;
        claimedUntil = null;
    }

    PendingEvent toPending() {
        return toPending(false);
    }

    /** @param follows written behind older rows of its key that this relay had claimed (see {@link PendingEvent}) */
    PendingEvent toPending(boolean follows) {
        return new PendingEvent(eventId, eventType, aggregateId, createdAt, payload, traceParent, traceState,
                claimedUntil, follows, keySeq);
    }

    public String eventId() {
        return eventId;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public long aggregateVersion() {
        return aggregateVersion;
    }

    long keySeq() {
        return keySeq;
    }

    public String eventType() {
        return eventType;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    /** The relay whose send is in flight, or null. */
    public String claimedBy() {
        return claimedBy;
    }

    public Instant claimedUntil() {
        return claimedUntil;
    }
}
