package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import java.util.ArrayList;
import java.util.List;

/** The relay's queue as the sweep sees it: room for {@code capacity} rows, what was queued kept in order, no sends. */
final class QueueRelay extends OutboxRelay {

    int capacity = 10;
    private final List<PendingEvent> queued = new ArrayList<>();
    private final List<PendingEvent> fastPathMeanwhile = new ArrayList<>();

    /** The fast path queues these just after the sweep has read the room, before it submits what it claimed. */
    void fastPathQueuesMeanwhile(PendingEvent... events) {
        fastPathMeanwhile.addAll(List.of(events));
    }

    @Override
    int room() {
        int room = capacity - queued.size();
        queued.addAll(fastPathMeanwhile);
        fastPathMeanwhile.clear();
        return room;
    }

    @Override
    List<PendingEvent> submit(OutboxStore.Batch batch) {
        List<PendingEvent> events = batch.rows();
        int taken = 0;
        while (taken < events.size() && queued.size() < capacity) {
            queued.add(events.get(taken++));
        }
        return events.subList(taken, events.size());
    }

    List<PendingEvent> queued() {
        return List.copyOf(queued);
    }

    List<String> queuedIds() {
        return queued.stream().map(PendingEvent::eventId).toList();
    }

    /** The sender takes everything queued; returns the event ids it took. */
    List<String> drain() {
        List<String> taken = queuedIds();
        queued.clear();
        return taken;
    }
}
