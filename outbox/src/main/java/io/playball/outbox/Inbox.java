package io.playball.outbox;

import io.playball.outbox.internal.InboxEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The idempotent inbox. Recording an event id joins the caller's transaction, so the inbox row commits together with
 * the event's effect, or neither does. A concurrent second delivery fails on the primary key and is retried, after
 * which it is seen as a duplicate.
 *
 * <p>On the server it is a bean of the application that registers {@link InboxExtension}, in the JTA transaction of
 * its consumer. Outside a container (a plain Java consumer, a test) it is made with {@link #Inbox(EntityManager,
 * Clock)}, and the caller begins and commits that entity manager's resource-local transaction around each call.
 */
@ApplicationScoped
public class Inbox {

    @Inject
    @InboxDatabase
    EntityManager em;

    @Inject
    Clock clock;

    /** For CDI. */
    protected Inbox() {
    }

    /** Outside a container: {@code em}'s own transaction stands for the consumer's. */
    public Inbox(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** An event as the inbox keys it: its id, and the type, aggregate and version its row keeps for operators. */
    public record Key(String eventId, String type, String aggregateId, long aggregateVersion) {
    }

    /**
     * Applies each event of a batch once, in order, in the caller's transaction, with one query for the whole batch:
     * an event consumed before, or met earlier in the batch (a redelivery), is not handed to {@code handler} and its
     * outcome is {@code duplicate}; every other one is recorded, then handed to {@code handler}, and its row keeps the
     * handler's outcome ({@code toString()}, at most 16 characters). A handler that throws leaves the transaction to
     * roll back: then no event of the batch is consumed.
     *
     * @return each event's outcome, in the order of {@code events}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <E, O> List<O> applyOnce(List<E> events, Function<? super E, Key> keys,
                                    Function<? super E, ? extends O> handler, O duplicate) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<Key> keyed = events.stream().<Key>map(keys).toList();
        Set<String> consumed = consumedAmong(keyed.stream().map(Key::eventId).toList());
        List<O> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Key key = keyed.get(i);
            if (!consumed.add(key.eventId())) {
                outcomes.add(duplicate);
                continue;
            }
            Receipt receipt = record(key.eventId(), key.type(), key.aggregateId(), key.aggregateVersion());
            O outcome = handler.apply(events.get(i));
            receipt.outcome(String.valueOf(outcome));
            outcomes.add(outcome);
        }
        return outcomes;
    }

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
