package io.playball.outbox.internal;

import io.playball.outbox.OutboxPublisher;
import io.playball.outbox.PendingEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the fast path did not: rows written before a crash, rows whose send failed (broker down), rows whose
 * claim expired on another server, rows written behind older ones of their key. Runs on a
 * ManagedScheduledExecutorService at a fixed delay, oldest rows first, each key's rows in their order.
 */
@ApplicationScoped
public class OutboxSweep {

    private static final Logger LOG = Logger.getLogger(OutboxSweep.class.getName());

    @Inject
    OutboxStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSettings settings;

    @Inject
    OutboxHold hold;

    @Inject
    OutboxBatchLock batchLock;

    @Inject
    OutboxPublisher publisher;

    @Inject
    ManagedResources resources;

    private ScheduledFuture<?> schedule;
    /** The last sweep claimed rows: more may wait behind them, claimable once the relay has room for them. */
    private volatile boolean backlog;
    /** Keys the last sweep did not claim because the relay held a claim's worth of each. */
    private volatile Set<String> skipped = Set.of();
    /** A sweep is queued on the scheduler and has not begun: another request for one is already served by it. */
    private final AtomicBoolean queued = new AtomicBoolean();

    synchronized void start() {
        if (schedule == null) {
            // A backlog fills the relay's lanes; the next batch is claimed as soon as the relay has room for it,
            // not at the next tick.
            relay.afterDelete(this::relayMadeRoom);
            long every = settings.sweepInterval().toMillis();
            schedule = resources.scheduler().scheduleWithFixedDelay(this::sweepOnce, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    /**
     * The relay has deleted sent rows: if the last sweep claimed rows, or skipped keys of which the relay has sent
     * half since, and a batch fits now, claim it.
     */
    void relayMadeRoom() {
        if (!backlog && (skipped.isEmpty() || relay.keysHolding(claimsWorth() / 2).containsAll(skipped))) {
            return;
        }
        if (relay.room() >= Math.min(settings.sweepBatchSize(), settings.queueCapacity())) {
            sweepSoon();
        }
    }

    /**
     * How many rows of a key the relay holds before the sweep stops topping up its lane: a lane takes its rows one at
     * a time, each a round trip to the broker, and the last ones must not outlast their claim's lease.
     */
    private int claimsWorth() {
        return Math.max(settings.sweepBatchSize(), settings.queueCapacity() / 100);
    }

    /** After a hold is released, or when the relay has room for a backlog: sweep now rather than at the next tick. */
    void sweepSoon() {
        if (queued.compareAndSet(false, true)) {
            resources.scheduler().execute(() -> {
                queued.set(false);
                sweepOnce();
            });
        }
    }

    /**
     * Claims as many due rows as the relay's queue has room for, a batch at a time, until a batch comes back short
     * (nothing more is due) or the queue is full (the next tick goes on): a backlog drains at the relay's pace, not
     * at one batch per interval.
     */
    synchronized void sweepOnce() {
        if (!settings.relayEnabled()) {
            return;  // an operator's release on a server whose relay is off: the other servers' sweeps send
        }
        if (hold.isHeld()) {
            hold.heldBackSweep();
            return;
        }
        try {
            int claimedTotal = 0;
            int queuedTotal = 0;
            Set<String> deep = Set.of();
            while (!hold.isHeld()) {
                int room = Math.min(settings.sweepBatchSize(), relay.room());
                if (room == 0) {
                    break;
                }
                deep = relay.keysHolding(claimsWorth());
                Set<String> skipKeys = deep;
                OutboxStore.Batch batch = batchLock.run(() -> store.claimDue(room, skipKeys));
                List<PendingEvent> claimed = batch.rows();
                claimedTotal += claimed.size();
                List<PendingEvent> notTaken = relay.submit(batch);
                queuedTotal += claimed.size() - notTaken.size();
                if (!notTaken.isEmpty()) {
                    // the relay filled meanwhile (fast path), or the row right before some of them failed or is
                    // not known to have gone: they go back, due at once, for a later sweep (claimed again now, they
                    // would be refused again)
                    store.release(notTaken.stream().map(PendingEvent::eventId).toList());
                    break;
                }
                if (claimed.size() < room) {
                    break;
                }
            }
            backlog = claimedTotal > 0;
            skipped = deep;
            if (claimedTotal > 0) {
                LOG.log(Level.INFO, "Outbox sweep of channel {0} claimed {1} rows, queued {2}",
                        new Object[] {publisher.channel(), claimedTotal, queuedTotal});
            }
        } catch (RuntimeException e) {
            // A failing sweep (database down) must not cancel the schedule.
            LOG.log(Level.WARNING, "Outbox sweep failed; next try in " + settings.sweepInterval(), e);
        }
    }
}
