package io.playball.outbox.internal;

import java.util.Collection;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ids of the rows the broker has taken from this relay, the most recent ones, whether or not their delete has run:
 * a row right behind one of them may go. Ids are unique, so an id found here says that very row went, however its
 * key's places have moved since; an id forgotten for want of room only makes a row wait for the sweep. Thread-safe.
 */
final class DeliveredRows {

    private final int capacity;
    private final Set<String> ids = ConcurrentHashMap.newKeySet();
    private final Queue<String> oldestFirst = new ConcurrentLinkedQueue<>();

    DeliveredRows(int capacity) {
        this.capacity = capacity;
    }

    void add(String eventId) {
        if (ids.add(eventId)) {
            oldestFirst.add(eventId);
            while (ids.size() > capacity) {
                String oldest = oldestFirst.poll();
                if (oldest == null) {
                    return;
                }
                ids.remove(oldest);
            }
        }
    }

    boolean contains(String eventId) {
        return eventId != null && ids.contains(eventId);
    }

    boolean containsAll(Collection<String> eventIds) {
        return ids.containsAll(eventIds);
    }
}
