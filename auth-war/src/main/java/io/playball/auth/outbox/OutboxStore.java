package io.playball.auth.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The relay's short transactions on the outbox table: claim, delete after send, release after failure. */
@ApplicationScoped
public class OutboxStore {

    @PersistenceContext(unitName = "auth")
    EntityManager em;

    @Inject
    OutboxSettings settings;

    @Inject
    Clock clock;

    /**
     * Claims up to {@code max} due rows, oldest first. Each claim is a conditional update whose row count says whether
     * this relay won it, so two relays on one database never both claim a row, and an expired claim is taken over.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<PendingEvent> claimDue(int max) {
        Instant now = clock.instant();
        Instant until = now.plus(settings.claimLease());
        List<OutboxEntry> due = em.createNamedQuery("OutboxEntry.due", OutboxEntry.class)
                .setParameter("now", now)
                .setMaxResults(max)
                .getResultList();
        List<PendingEvent> claimed = new ArrayList<>(due.size());
        for (OutboxEntry entry : due) {
            int won = em.createNamedQuery("OutboxEntry.claim")
                    .setParameter("owner", settings.owner())
                    .setParameter("until", until)
                    .setParameter("id", entry.eventId())
                    .setParameter("now", now)
                    .executeUpdate();
            if (won == 1) {
                claimed.add(entry.toPending());
            }
        }
        return claimed;
    }

    /** The broker has the event: the row is done. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markSent(String eventId) {
        em.createNamedQuery("OutboxEntry.delete").setParameter("id", eventId).executeUpdate();
    }

    /** The send failed: keep the error, back off, release the claim so that a sweep tries again. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markFailed(String eventId, String error) {
        OutboxEntry entry = em.find(OutboxEntry.class, eventId);
        if (entry != null) {  // null: another relay sent it meanwhile
            entry.failed(error, clock.instant(), settings.initialBackoff(), settings.maxBackoff());
        }
    }

    /** How many rows wait, and since when the oldest. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Backlog backlog() {
        long pending = em.createNamedQuery("OutboxEntry.count", Long.class).getSingleResult();
        Instant oldest = em.createNamedQuery("OutboxEntry.oldestFirst", OutboxEntry.class)
                .setMaxResults(1)
                .getResultStream()
                .findFirst()
                .map(OutboxEntry::createdAt)
                .orElse(null);
        return new Backlog(pending, oldest);
    }

    /** @param oldest null when nothing is pending */
    public record Backlog(long pending, Instant oldest) {
    }
}
