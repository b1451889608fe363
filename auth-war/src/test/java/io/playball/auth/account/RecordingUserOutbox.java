package io.playball.auth.account;

import io.playball.auth.event.UserEvent;
import io.playball.auth.outbox.UserEventOutbox;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Auth's outbox as the account service sees it, keeping what it appends instead of writing rows. Like the real writer
 * (transaction MANDATORY) it refuses an append outside a transaction: an event appended at all was appended inside
 * the change's own transaction, the only one the test has open.
 */
final class RecordingUserOutbox extends UserEventOutbox {

    private final EntityManager em;
    private final List<UserEvent> appended = new ArrayList<>();

    RecordingUserOutbox(EntityManager em) {
        this.em = em;
    }

    @Override
    public void append(UserEvent event) {
        if (!em.getTransaction().isActive()) {
            throw new IllegalStateException("appended outside the change's transaction: " + event);
        }
        appended.add(event);
    }

    /** What was appended since the last call, in order. */
    List<UserEvent> drain() {
        List<UserEvent> events = List.copyOf(appended);
        appended.clear();
        return events;
    }

    /** An event as the outbox keys it: type, record key (the user id), user version, then the display name if any. */
    static String summary(UserEvent e) {
        return e.type() + " " + e.userId() + " v" + e.userVersion()
                + (e.displayName() == null ? "" : " " + e.displayName());
    }
}
