package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import static io.playball.platform.persistence.TestDatabase.inTransaction;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;

import io.playball.platform.persistence.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A relay's {@link OutboxStore} on a {@link TestDatabase}, each of its {@code REQUIRES_NEW} methods in a transaction
 * of its own as the container's interceptor would run it; it keeps the batches it deleted, for the tests to count.
 */
final class TransactionalStore extends OutboxStore {

    final List<List<String>> deletedBatches = new ArrayList<>();

    TransactionalStore(TestDatabase db, OutboxSettings settings, Clock clock) {
        this.em = db.entityManager();
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Batch claimDue(int max, Set<String> skipKeys) {
        return inTransaction(em, e -> super.claimDue(max, skipKeys));
    }

    /** A claim that skips no key. */
    Batch claimDue(int max) {
        return claimDue(max, Set.of());
    }

    @Override
    public Claim claimNow(String eventId) {
        return inTransaction(em, e -> super.claimNow(eventId));
    }

    @Override
    public void markSent(List<String> eventIds) {
        runInTransaction(em, e -> super.markSent(eventIds));
        deletedBatches.add(List.copyOf(eventIds));
    }

    @Override
    public boolean markFailed(String eventId, String error) {
        return inTransaction(em, e -> super.markFailed(eventId, error));
    }

    @Override
    public void release(List<String> eventIds) {
        runInTransaction(em, e -> super.release(eventIds));
    }

    /** SUPPORTS: in the caller's transaction if one is open (claimNow's), else in one of its own. */
    @Override
    public boolean olderWaiting(String eventId) {
        return em.getTransaction().isActive() ? super.olderWaiting(eventId)
                : inTransaction(em, e -> super.olderWaiting(eventId));
    }

    /** Rows as a committed transaction of the application leaves them. */
    void write(List<OutboxEntry> rows) {
        runInTransaction(em, e -> rows.forEach(e::persist));
    }

    /** The row as the database has it now (whatever another relay's entity manager changed meanwhile); null if gone. */
    OutboxEntry row(String eventId) {
        em.clear();
        return em.find(OutboxEntry.class, eventId);
    }

    /** Every row as the database has it now, each key's rows in their order. */
    List<OutboxEntry> all() {
        return inTransaction(em, e -> e.createQuery(
                "SELECT o FROM OutboxEntry o ORDER BY o.aggregateId, o.keySeq, o.createdAt, o.eventId",
                OutboxEntry.class).getResultList());
    }

    long rows() {
        return inTransaction(em, e -> e.createQuery("SELECT COUNT(o) FROM OutboxEntry o", Long.class)
                .getSingleResult());
    }

    void deleteAll() {
        runInTransaction(em, e -> e.createQuery("DELETE FROM OutboxEntry o").executeUpdate());
    }
}
