package io.playball.groups.api;

import io.playball.groups.monitoring.AppliedEventLog;
import java.time.Instant;
import java.util.List;

/**
 * The recently applied events after a reader's cursor, as the operations API shows them.
 *
 * @param next   the cursor to pass as {@code after} next time
 * @param missed how many entries after the cursor were already dropped from the log
 * @param newest the newest entry's number (a reader that only wants what comes next starts from there)
 */
public record AppliedEventsPage(long next, long missed, long newest, List<AppliedEvent> events) {

    /** One applied event; {@code seq} counts from 1 since the server started. */
    public record AppliedEvent(long seq, String eventId, String userId, long userVersion, Instant occurredAt,
                               Instant appliedAt) {
    }

    static AppliedEventsPage of(AppliedEventLog.Page page) {
        return new AppliedEventsPage(page.next(), page.missed(), page.newest(), page.events().stream()
                .map(e -> new AppliedEvent(e.seq(), e.eventId(), e.userId(), e.userVersion(), e.occurredAt(),
                        e.appliedAt()))
                .toList());
    }
}
