package io.playball.groups.event;

import java.util.List;

/** Where decoded events go: implemented by the user view, which applies each event once. */
public interface UserEventSink {

    /** What became of an event. */
    enum Outcome {
        APPLIED,
        /** its event id was already in the inbox */
        DUPLICATE,
        /** not newer than what the view holds, or about a deleted user */
        STALE
    }

    /**
     * Applies the events, in order, in one transaction with their inbox rows; returns each one's outcome once that
     * transaction has committed (a single event is a batch of one). Throws if it could not: nothing of the batch is
     * applied then.
     */
    List<Outcome> applyAll(List<UserEvent> events);
}
