package io.playball.outbox.internal;

import io.playball.outbox.OutboxDatabase;
import io.playball.outbox.PendingEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The relay's short transactions on the outbox table: claim, delete after send, release after failure. */
@ApplicationScoped
public class OutboxStore {

    @Inject
    @OutboxDatabase
    EntityManager em;

    @Inject
    OutboxSettings settings;

    @Inject
    Clock clock;

    /**
     * Claims up to {@code max} due rows, oldest first, in at most six statements whatever the batch size: read the
     * due ids, claim them all with one conditional update, let go of any whose key has an older row that is not this
     * relay's, find the ones behind rows this relay already holds and the row right before each, and read back the
     * ones it won. A row is due only with every older row of its key due and unclaimed or claimed by this relay, so a
     * relay holds either none of a key's waiting rows or a run of them from the oldest: two relays never send one
     * key's rows side by side, and a relay draining a backlog claims a key's next rows while it still sends the ones
     * before them. The condition (no live claim) is re-checked under the row lock, so two relays on one database
     * never both claim a row, and an expired claim is taken over. The claim's expiry, unique to this sweep, tells
     * this claim's rows from any other.
     *
     * @param skipKeys keys none of whose rows to claim now (the relay holds enough of them)
     * @return the rows claimed, each key's in their order; a row that {@linkplain PendingEvent#follows() follows}
     *         goes only right behind the row one place before it, in the relay's lane of its key or, once that row
     *         has reached the broker, at the head of a lane of its own
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch claimDue(int max, Set<String> skipKeys) {
        Instant now = clock.instant();
        Instant until = now.plus(settings.claimLease()).truncatedTo(ChronoUnit.MILLIS);
        // only the ids: sorting whole rows (payload included) of a large backlog was most of a drain's CPU on Derby
        TypedQuery<String> dueQuery = skipKeys.isEmpty() ? em.createNamedQuery("OutboxEntry.due", String.class)
                : em.createNamedQuery("OutboxEntry.dueSkipping", String.class).setParameter("skip", skipKeys);
        List<String> due = dueQuery
                .setParameter("now", now)
                .setParameter("owner", settings.owner())
                .setMaxResults(max)
                .getResultList();
        if (due.isEmpty()) {
            return new Batch(List.of(), Map.of());
        }
        em.createNamedQuery("OutboxEntry.claim")
                .setParameter("owner", settings.owner())
                .setParameter("until", until)
                .setParameter("ids", due)
                .setParameter("now", now)
                .executeUpdate();
        // another relay claimed an older row of some key between our read and our update: its later rows are not ours
        List<String> behindOthers = em.createNamedQuery("OutboxEntry.behindOthers", String.class)
                .setParameter("ids", due)
                .setParameter("owner", settings.owner())
                .setParameter("until", until)
                .setParameter("now", now)
                .getResultList();
        if (!behindOthers.isEmpty()) {
            // in this transaction, not release()'s own: one of its own would wait for this one's locks on the rows
            releaseClaims(behindOthers);
        }
        Set<String> behindOwn = new HashSet<>(em.createNamedQuery("OutboxEntry.behindOwn", String.class)
                .setParameter("ids", due)
                .setParameter("owner", settings.owner())
                .setParameter("until", until)
                .getResultList());
        Map<String, String> predecessors = new HashMap<>();
        if (!behindOwn.isEmpty()) {
            em.createNamedQuery("OutboxEntry.predecessors", Object[].class)
                    .setParameter("ids", due)
                    .setParameter("owner", settings.owner())
                    .setParameter("until", until)
                    .getResultStream()
                    .forEach(pair -> predecessors.put((String) pair[0], (String) pair[1]));
        }
        List<PendingEvent> rows = em.createNamedQuery("OutboxEntry.won", OutboxEntry.class)
                .setParameter("ids", due)
                .setParameter("owner", settings.owner())
                .setParameter("until", until)
                .getResultStream()
                .map(row -> row.toPending(behindOwn.contains(row.eventId())))
                .toList();
        return new Batch(rows, predecessors);
    }

    /**
     * A sweep's claim.
     *
     * @param predecessors for rows that follow rows held outside the claim, the row one place before each (none for
     *                     rows of a key whose places tie, written before places existed)
     */
    public record Batch(List<PendingEvent> rows, Map<String, String> predecessors) {
    }

    /** The rows waiting, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OutboxEntry> pending(int max) {
        return em.createNamedQuery("OutboxEntry.oldestFirst", OutboxEntry.class).setMaxResults(max).getResultList();
    }

    /**
     * Claims one row for a send now, whatever its backoff, unless a send of it is in flight (a live claim) or an
     * older row of its key still waits (that one goes first).
     *
     * @return the claimed row, or why not
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Claim claimNow(String eventId) {
        Optional<OutboxEntry> waiting = byId(eventId);
        if (waiting.isEmpty()) {
            return new Claim(Claim.Result.NOT_PENDING, null);
        }
        if (!olderWaitingIds(eventId).isEmpty()) {
            return new Claim(Claim.Result.BEHIND_OLDER, waiting.get());
        }
        Instant now = clock.instant();
        int claimed = em.createNamedQuery("OutboxEntry.claimOne")
                .setParameter("owner", settings.owner())
                .setParameter("until", now.plus(settings.claimLease()))
                .setParameter("id", eventId)
                .setParameter("now", now)
                .executeUpdate();
        em.clear();  // read the row as the update left it
        Optional<OutboxEntry> row = byId(eventId);
        if (row.isEmpty()) {
            return new Claim(Claim.Result.NOT_PENDING, null);
        }
        return claimed == 1 ? new Claim(Claim.Result.CLAIMED, row.get()) : new Claim(Claim.Result.IN_FLIGHT, row.get());
    }

    private Optional<OutboxEntry> byId(String eventId) {
        return em.createNamedQuery("OutboxEntry.byId", OutboxEntry.class)
                .setParameter("id", eventId)
                .getResultStream()
                .findFirst();
    }

    /** Whether a row older than this one of its key still waits in the outbox. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean olderWaiting(String eventId) {
        return !olderWaitingIds(eventId).isEmpty();
    }

    /** The rows older than this one of its key that still wait in the outbox (sent ones wait for their delete). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> olderWaitingIds(String eventId) {
        return em.createNamedQuery("OutboxEntry.olderWaiting", String.class)
                .setParameter("id", eventId)
                .getResultList();
    }

    /** @param row the row as it is now; null when NOT_PENDING */
    public record Claim(Result result, OutboxEntry row) {
        public enum Result {
            CLAIMED,
            /** another send holds a live claim on it */
            IN_FLIGHT,
            /** an older row of its key waits, and goes first */
            BEHIND_OLDER,
            /** sent meanwhile, or never existed */
            NOT_PENDING,
            /** the relay's queue was full: the row was let go again, and the sweep sends it in its turn */
            RELAY_BUSY,
            /** this server's relay is off: the other servers' relays send the row */
            RELAY_OFF
        }
    }

    /** The broker has these events: their rows are done (one statement for the lot). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markSent(List<String> eventIds) {
        em.createNamedQuery("OutboxEntry.delete").setParameter("ids", eventIds).executeUpdate();
    }

    /**
     * The send failed: keep the error, back off, release the claim so that a sweep tries again; only if the claim is
     * still this relay's (read under the row's lock): one that expired may be another relay's live claim by now.
     *
     * @return false if the row is gone (sent) or claimed by another relay, which was left alone
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean markFailed(String eventId, String error) {
        OutboxEntry entry = em.find(OutboxEntry.class, eventId, LockModeType.PESSIMISTIC_WRITE);
        if (entry == null || !entry.claimedBy(settings.owner())) {
            return false;
        }
        entry.failed(error, clock.instant(), settings.backoff());
        return true;
    }

    /** Lets go of this relay's claims on these rows, without an attempt: they are due again at once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void release(List<String> eventIds) {
        releaseClaims(eventIds);
    }

    private void releaseClaims(List<String> eventIds) {
        em.createNamedQuery("OutboxEntry.release")
                .setParameter("ids", eventIds)
                .setParameter("owner", settings.owner())
                .executeUpdate();
    }

    /** How many rows wait, and since when the oldest. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Backlog backlog() {
        long pending = em.createNamedQuery("OutboxEntry.count", Long.class).getSingleResult();
        Instant oldest = em.createNamedQuery("OutboxEntry.oldest", Instant.class).getSingleResult();
        return new Backlog(pending, oldest);
    }

    /** @param oldest null when nothing is pending */
    public record Backlog(long pending, Instant oldest) {
    }
}
