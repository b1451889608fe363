package io.playball.groups.userview;

import io.playball.groups.event.UserEvent;
import io.playball.groups.event.UserEventSink;
import io.playball.outbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies user events to the view, each exactly once: the inbox row and the view change share one transaction (one
 * event's, or a batch's), and an event whose version is not newer than the view's (or about a deleted user) changes
 * nothing.
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

    /**
     * Two queries for the whole batch (which events were consumed before, the views of its users), then the same
     * rules event by event, in order, so that a user's later event sees their earlier one. One event is a batch of
     * one: there is one way events are applied.
     */
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> applyAll(List<UserEvent> events) {
        Map<String, UserView> views = new HashMap<>();
        TypedQuery<UserView> known = em.createQuery("SELECT v FROM UserView v WHERE v.userId IN :ids", UserView.class)
                .setParameter("ids", events.stream().map(UserEvent::userId).distinct().toList());
        if (events.stream().anyMatch(e -> e.type() == UserEvent.Type.UserDeleted)) {
            // a deletion locks groups: every view row of the batch first, as a change to a group takes its user's
            // view row before the group, so that the two never wait for each other
            known.setLockMode(LockModeType.PESSIMISTIC_WRITE);
        }
        known.getResultStream()
                .forEach(v -> views.put(v.userId(), v));
        Instant now = clock.instant();
        return inbox.applyOnce(events, UserViewUpdater::key, event -> applyToView(event, now, views),
                Outcome.DUPLICATE);
    }

    private static Inbox.Key key(UserEvent event) {
        return new Inbox.Key(event.eventId().toString(), event.type().name(), event.userId(), event.userVersion());
    }

    /** @param views the views this transaction knows, by user id; a view it creates is added */
    private Outcome applyToView(UserEvent event, Instant now, Map<String, UserView> views) {
        UserView view = views.get(event.userId());
        if (view != null && !view.acceptsVersion(event.userVersion())) {
            return Outcome.STALE;
        }
        switch (event.type()) {
            case UserRegistered, UserUpdated -> {
                if (view == null) {
                    UserView created = UserView.of(event.userId(), event.displayName(), event.userVersion(), false, now);
                    em.persist(created);
                    views.put(created.userId(), created);
                } else {
                    view.rename(event.displayName(), event.userVersion(), now);
                }
            }
            case UserDeleted -> {
                if (view == null) {
                    UserView created = UserView.of(event.userId(), null, event.userVersion(), true, now);
                    em.persist(created);
                    views.put(created.userId(), created);
                } else {
                    view.delete(event.userVersion(), now);
                }
                departures.fire(new UserDeparted(event.userId()));
            }
        }
        return Outcome.APPLIED;
    }
}
