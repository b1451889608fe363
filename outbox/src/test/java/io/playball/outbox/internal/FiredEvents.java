package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * The CDI event the writer fires, recorded with whether a transaction was open: an {@code AFTER_SUCCESS} observer is
 * notified on commit only of events fired inside the transaction (of others at once).
 */
final class FiredEvents implements Event<PendingEvent> {

    record Fired(PendingEvent event, boolean inTransaction) {
    }

    final List<Fired> fired = new ArrayList<>();
    private final BooleanSupplier inTransaction;

    FiredEvents(BooleanSupplier inTransaction) {
        this.inTransaction = inTransaction;
    }

    @Override
    public void fire(PendingEvent event) {
        fired.add(new Fired(event, inTransaction.getAsBoolean()));
    }

    @Override
    public <U extends PendingEvent> CompletionStage<U> fireAsync(U event) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends PendingEvent> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Event<PendingEvent> select(Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends PendingEvent> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public <U extends PendingEvent> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
        throw new UnsupportedOperationException();
    }
}
