package io.playball.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The idempotent inbox. Recording an event id joins the caller's transaction, so the inbox row commits together with
 * the event's effect, or neither does. A concurrent second delivery fails on the primary key and is retried, after
 * which it is seen as a duplicate.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    @InboxDatabase
    EntityManager em;

    @Inject
    Clock clock;

    /** Which of these event ids were consumed before: one query for a batch. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> consumedAmong(Collection<String> eventIds) {
        return new HashSet<>(em.createQuery("SELECT i.eventId FROM InboxEntry i WHERE i.eventId IN :ids", String.class)
                .setParameter("ids", eventIds).getResultList());
    }

    /**
     * Records an event the caller knows to be new (see {@link #consumedAmong}); a concurrent delivery that recorded it
     * first makes the caller's commit fail on the primary key.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Receipt record(String eventId, String type, String aggregateId, long aggregateVersion) {
        InboxEntry entry = new InboxEntry(eventId, type, aggregateId, aggregateVersion, clock.instant());
        em.persist(entry);
        return new Receipt(entry);
    }

    /** Notes, in the same transaction, what applying the event did (APPLIED or STALE). */
    public static final class Receipt {
        private final InboxEntry entry;

        Receipt(InboxEntry entry) {
            this.entry = entry;
        }

        public void outcome(String outcome) {
            entry.outcome(outcome);
        }
    }

    /**
     * Deletes up to {@code max} inbox rows received before {@code cutoff}, in its own short transaction.
     *
     * @return how many were deleted; fewer than {@code max} means none are left
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purgeBatch(Instant cutoff, int max) {
        List<String> ids = em.createQuery("SELECT i.eventId FROM InboxEntry i WHERE i.receivedAt < :cutoff", String.class)
                .setParameter("cutoff", cutoff)
                .setMaxResults(max)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM InboxEntry i WHERE i.eventId IN :ids").setParameter("ids", ids)
                .executeUpdate();
    }

    /** How many events of this aggregate were consumed (each once). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long countFor(String aggregateId) {
        return em.createQuery("SELECT COUNT(i) FROM InboxEntry i WHERE i.aggregateId = :a", Long.class)
                .setParameter("a", aggregateId).getSingleResult();
    }
}
