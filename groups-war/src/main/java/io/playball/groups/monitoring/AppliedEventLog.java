package io.playball.groups.monitoring;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The most recent applied events, each with its occurredAt and the moment the transaction that applied it committed:
 * the per-event commit-to-applied lag that the benchmark reads (the lag timer on /metrics only keeps a summary).
 * A ring in memory, numbered since start; a reader that falls behind by more than its capacity is told how many it
 * missed.
 */
@ApplicationScoped
public class AppliedEventLog {

    /** One applied event; {@code seq} counts from 1 since the server started. */
    public record Entry(long seq, String eventId, String userId, long userVersion, Instant occurredAt,
                        Instant appliedAt) {
    }

    /**
     * What a reader gets: the entries after its cursor, the cursor to pass next time, how many it missed, and the
     * newest seq (a reader that only wants what comes next starts from there).
     */
    public record Page(long next, long missed, long newest, List<Entry> events) {
    }

    @Inject
    @ConfigProperty(name = "playball.applied.log.capacity", defaultValue = "200000")
    int capacity;

    private Entry[] ring;
    private long last;  // seq of the newest entry, 0 when none

    @PostConstruct
    void allocate() {
        ring = new Entry[Math.max(1, capacity)];
    }

    public synchronized void add(String eventId, String userId, long userVersion, Instant occurredAt, Instant appliedAt) {
        last++;
        ring[(int) (last % ring.length)] = new Entry(last, eventId, userId, userVersion, occurredAt, appliedAt);
    }

    /** Up to {@code limit} entries with a seq above {@code after}, oldest first. */
    public synchronized Page after(long after, int limit) {
        long oldest = Math.max(1, last - ring.length + 1);
        long from = Math.max(after + 1, oldest);
        long missed = Math.max(0, oldest - (after + 1));
        List<Entry> events = new ArrayList<>();
        for (long seq = from; seq <= last && events.size() < limit; seq++) {
            events.add(ring[(int) (seq % ring.length)]);
        }
        long next = events.isEmpty() ? Math.max(after, from - 1) : events.get(events.size() - 1).seq();
        return new Page(next, missed, last, events);
    }
}
