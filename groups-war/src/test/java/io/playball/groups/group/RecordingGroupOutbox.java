package io.playball.groups.group;

import io.playball.groups.event.GroupEvent;
import io.playball.groups.outbox.GroupEventOutbox;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups' outbox as the services see it, keeping what they append instead of writing rows. Like the real writer
 * (transaction MANDATORY) it refuses an append outside a transaction: an event appended at all was appended inside
 * the change's own transaction, the only one the test has open.
 */
final class RecordingGroupOutbox extends GroupEventOutbox {

    private final EntityManager em;
    private final List<GroupEvent> appended = new ArrayList<>();

    RecordingGroupOutbox(EntityManager em) {
        this.em = em;
    }

    @Override
    public void append(GroupEvent event) {
        if (!em.getTransaction().isActive()) {
            throw new IllegalStateException("appended outside the change's transaction: " + event);
        }
        appended.add(event);
    }

    /** What was appended since the last call, in order. */
    List<GroupEvent> drain() {
        List<GroupEvent> events = List.copyOf(appended);
        appended.clear();
        return events;
    }

    /**
     * An event as the outbox keys it: type, record key (the group id) and group version, then the member and role
     * on the member events.
     */
    static String summary(GroupEvent e) {
        String member = e.userId() == null ? "" : " " + e.userId() + (e.role() == null ? "" : " " + e.role());
        return e.type() + " " + e.groupId() + " v" + e.groupVersion() + member;
    }
}
