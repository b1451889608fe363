package io.playball.groups.userview;

import io.playball.groups.inbox.Inbox;
import io.playball.groups.messaging.UserEvent;
import io.playball.groups.messaging.UserEventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies user events to the view, each exactly once: the inbox row and the view change share one transaction, and
 * an event whose version is not newer than the view's (or about a deleted user) changes nothing.
 */
@ApplicationScoped
public class UserViewUpdater implements UserEventSink {

    @PersistenceContext(unitName = "groups")
    EntityManager em;

    @Inject
    Inbox inbox;

    @Inject
    Event<UserDeparted> departures;

    @Inject
    Clock clock;

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Outcome apply(UserEvent event) {
        Optional<Inbox.Receipt> receipt = inbox.receive(event.eventId(), event.type().name(), event.userId(),
                event.userVersion());
        if (receipt.isEmpty()) {
            return Outcome.DUPLICATE;
        }
        Outcome outcome = applyToView(event, clock.instant());
        receipt.get().outcome(outcome.name());
        return outcome;
    }

    private Outcome applyToView(UserEvent event, Instant now) {
        UserView view = em.find(UserView.class, event.userId());
        if (view != null && !view.acceptsVersion(event.userVersion())) {
            return Outcome.STALE;
        }
        switch (event.type()) {
            case UserRegistered, UserUpdated -> {
                if (view == null) {
                    em.persist(UserView.of(event.userId(), event.displayName(), event.userVersion(), false, now));
                } else {
                    view.rename(event.displayName(), event.userVersion(), now);
                }
            }
            case UserDeleted -> {
                if (view == null) {
                    em.persist(UserView.of(event.userId(), null, event.userVersion(), true, now));
                } else {
                    view.delete(event.userVersion(), now);
                }
                departures.fire(new UserDeparted(event.userId()));
            }
        }
        return Outcome.APPLIED;
    }
}
