package io.playball.groups.messaging;

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
     * Applies the event in one transaction with its inbox row; returns once that transaction has committed.
     * Throws if it could not (database unreachable): the caller retries.
     */
    Outcome apply(UserEvent event);

    /**
     * Applies the events, in order, in one transaction with their inbox rows; returns each one's outcome once that
     * transaction has committed. Throws if it could not: nothing of the batch is applied then.
     */
    List<Outcome> applyAll(List<UserEvent> events);
}
