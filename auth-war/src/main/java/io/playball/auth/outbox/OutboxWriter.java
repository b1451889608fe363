package io.playball.auth.outbox;

import io.playball.auth.event.UserEvent;
import io.playball.auth.event.UserEventCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Appends an event to the outbox inside the caller's transaction: the change and its event commit or roll back together. */
@ApplicationScoped
public class OutboxWriter {

    @PersistenceContext(unitName = "auth")
    EntityManager em;

    @Inject
    UserEventCodec codec;

    @Inject
    OutboxSettings settings;

    @Inject
    OutboxHold hold;

    @Inject
    Clock clock;

    /** Observed after commit by {@link OutboxRelay}; never delivered if the transaction rolls back. */
    @Inject
    Event<PendingEvent> committed;

    /** While the relay is held, the row is written due now but unclaimed, so that the sweep takes it on release. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(UserEvent event) {
        PendingEvent pending = new PendingEvent(event.eventId().toString(), event.type().name(), event.userId(),
                event.occurredAt(), codec.encode(event), null);
        Instant now = clock.instant();
        if (hold.isHeld()) {
            em.persist(OutboxEntry.heldOnWrite(pending, event.userVersion(), now, Duration.ZERO));
            return;
        }
        OutboxEntry entry = OutboxEntry.claimedOnWrite(pending, event.userVersion(), now, settings.owner(),
                settings.claimLease());
        em.persist(entry);
        committed.fire(entry.toPending());
    }
}
