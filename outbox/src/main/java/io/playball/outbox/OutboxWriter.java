package io.playball.outbox;

/**
 * Appends an event to the outbox inside the caller's transaction: the change and its event commit or roll back
 * together. Inject it where the application changes an aggregate.
 */
public interface OutboxWriter {

    /**
     * Appends the event behind any rows of its key that still wait; it is sent after the commit, and never while an
     * older row of its key waits. Order per key relies on the caller's lock on the aggregate, which makes two changes
     * of one key commit one after the other.
     *
     * @throws jakarta.transaction.TransactionalException when called outside a transaction
     *         ({@code TxType.MANDATORY}): an event appended on its own would be sent without its change
     */
    void append(OutboxMessage event);
}
