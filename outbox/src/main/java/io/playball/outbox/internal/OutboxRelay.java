package io.playball.outbox.internal;

import io.playball.outbox.OutboxPublisher;
import io.playball.outbox.PendingEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends outbox rows to Kafka. Committed rows arrive from the writing transaction's after-commit observer (the fast
 * path), claimed rows from {@link OutboxSweep} and from an operator's send-now. Rows wait in one lane per key
 * ({@link KeyLanes}): a row is handed to the producer only once the broker has its key's previous row, so a key's
 * events reach the topic in the order they were written, whatever fails; other keys keep flowing meanwhile. One
 * sender thread hands the lanes' heads to the producer. The request thread never waits for Kafka, and no database
 * transaction stays open during a send: once the broker has answered, the row is deleted together with the other rows
 * sent meanwhile, or released with a backoff in its own short transaction, its key's later rows released with it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @Inject
    OutboxPublisher publisher;

    @Inject
    OutboxStore store;

    @Inject
    OutboxSettings settings;

    @Inject
    OutboxMetrics metrics;

    @Inject
    ManagedResources resources;

    @Inject
    OutboxBatchLock batchLock;

    @Inject
    OutboxVacuum vacuum;

    @Inject
    Clock clock;

    /** Rows per delete statement: well under every database's limit on an IN list. */
    private static final int DELETE_BATCH = 500;

    private final Queue<String> sentRows = new ConcurrentLinkedQueue<>();
    /** Rows the broker has: a row written or claimed right behind them need not wait for their delete. */
    private volatile DeliveredRows delivered;
    private final AtomicBoolean deleting = new AtomicBoolean();
    private volatile KeyLanes<Send> lanes;
    /** The lanes' heads, ready for the producer; never more than the lanes hold, so an offer always fits. */
    private final BlockingQueue<Send> heads = new LinkedBlockingQueue<>();
    private volatile Thread sender;
    private volatile boolean running;
    /** Told after each delete, when the lanes have more room: the sweep's cue to claim the next batch. */
    private volatile Runnable afterDelete = () -> { };

    /** Called once at startup, after the schema is in place. */
    synchronized void start() {
        if (running) {
            return;
        }
        lanes = new KeyLanes<>(send -> send.event().key(), send -> send.event().keySeq(),
                send -> send.event().follows(), settings.queueCapacity());
        // room for every row the lanes hold and as many again: what a claim running meanwhile may have seen waiting
        delivered = new DeliveredRows(2 * settings.queueCapacity());
        running = true;
        sender = resources.threads().newThread(this::sendLoop);
        sender.setName("playball-outbox-relay-" + publisher.channel());
        sender.start();
    }

    @PreDestroy
    synchronized void stop() {
        running = false;
        if (sender != null) {
            sender.interrupt();
        }
        if (lanes != null) {
            lanes.clear();
        }
        heads.clear();
    }

    /** Fast path: the transaction that wrote the row has committed. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) PendingEvent event) {
        Send send = new Send(event, OutboxMetrics.Path.FAST);
        switch (admit(send, !event.follows())) {
            case FULL -> {
                LOG.log(Level.WARNING, "Relay queue full, or an earlier row of its key was refused; event {0} ({1},"
                                + " key {2}) is left to the sweep",
                        new Object[] {event.eventId(), event.type(), event.key()});
                resources.executor().execute(() -> release(List.of(event)));
            }
            // the rows it was written behind are gone from the lanes (sent, or released after a failure), or the row
            // right before it has not reached them yet (its transaction committed first, its observer runs late)
            case NO_LANE -> resources.executor().execute(() -> leadIfFirst(send));
            default -> {
            }
        }
    }

    /**
     * Queues rows this relay has claimed (a sweep's batch, each key's rows in their order) all at once, so that no
     * fast-path row of their keys comes between two of them. A row that follows rows this relay held at the claim
     * joins their lane right behind them or, once the broker has the row right before it, leads a lane of its own;
     * if that row's send failed meanwhile, or is not known to have reached the broker, the row is not taken.
     *
     * @return the rows not taken, in their order: the lanes were full, or there was no lane for them to follow
     */
    List<PendingEvent> submit(OutboxStore.Batch batch) {
        List<PendingEvent> events = batch.rows();
        KeyLanes<Send> l = lanes;
        if (l == null || !running) {
            return events;
        }
        List<Send> sends = events.stream().map(event -> new Send(event, OutboxMetrics.Path.SWEEP)).toList();
        List<KeyLanes.Admission> admissions = l.offerAll(sends, send -> !send.event().follows()
                || delivered.contains(batch.predecessors().get(send.event().eventId())));
        List<PendingEvent> notTaken = new ArrayList<>();
        for (int i = 0; i < sends.size(); i++) {
            switch (admissions.get(i)) {
                case HEAD -> heads.add(sends.get(i));
                case FULL, NO_LANE -> notTaken.add(events.get(i));
                default -> {
                }
            }
        }
        return notTaken;
    }

    /** Queues a row an operator asked to send now (claimed by this relay); false if the lanes are full. */
    public boolean resend(PendingEvent event) {
        return admit(new Send(event, OutboxMetrics.Path.REPAIR), true) != KeyLanes.Admission.FULL;
    }

    /** Runs {@code task} after each delete of sent rows, which leaves the lanes more room. */
    void afterDelete(Runnable task) {
        afterDelete = task;
    }

    /** The keys whose lanes hold at least {@code rows} rows. */
    Set<String> keysHolding(int rows) {
        KeyLanes<Send> l = lanes;
        return l == null ? Set.of() : l.keysHolding(rows);
    }

    /** How many more rows the lanes take now. */
    int room() {
        KeyLanes<Send> l = lanes;
        return l == null || !running ? 0 : l.room();
    }

    private KeyLanes.Admission admit(Send send, boolean mayLead) {
        KeyLanes<Send> l = lanes;
        if (l == null || !running) {
            return KeyLanes.Admission.FULL;
        }
        KeyLanes.Admission admission = l.offer(send, mayLead);
        if (admission == KeyLanes.Admission.HEAD) {
            heads.add(send);
        }
        return admission;
    }

    /** A row written behind others that have left the lanes: it leads if none of them still waits. */
    private void leadIfFirst(Send send) {
        PendingEvent event = send.event();
        try {
            if (!delivered.containsAll(store.olderWaitingIds(event.eventId()))
                    || admit(send, true) == KeyLanes.Admission.FULL) {
                release(List.of(event));
            }
        } catch (RuntimeException e) {
            // The row keeps its claim, which expires; the sweep then sends it in its turn.
            LOG.log(Level.WARNING, "Could not queue event " + event.eventId() + " (key " + event.key() + ")", e);
        }
    }

    private void sendLoop() {
        while (running) {
            try {
                sendNext(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Relay send loop error", e);
            }
        }
    }

    /**
     * One turn of the sender thread: sends the next lane head if one comes within {@code timeoutMs}.
     *
     * @return whether a head came (the tests take turns until none is left)
     */
    boolean sendNext(long timeoutMs) throws InterruptedException {
        Send next = heads.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (next != null) {
            send(next);
        }
        return next != null;
    }

    private void send(Send next) {
        PendingEvent event = next.event();
        if (event.claimedUntil() != null
                && clock.instant().plus(settings.longestSend()).isAfter(event.claimedUntil())) {
            // too late to send under this claim: it could expire in flight and another relay take the row over.
            // Released with the rest of its lane, the key is claimed afresh by the next sweep.
            metrics.claimTooOld();
            LOG.log(Level.WARNING, "Event {0} ({1}, key {2}, {3}) waited too long for its send; left to the sweep",
                    new Object[] {event.eventId(), event.type(), event.key(),
                            TraceContext.describe(event::traceHeader)});
            List<PendingEvent> lane = new ArrayList<>(List.of(event));
            lanes.drop(next).forEach(behind -> lane.add(behind.event()));
            resources.executor().execute(() -> release(lane));
            return;
        }
        // A success only counts, queues the row for the batch delete and hands over the key's next row: done on the
        // completing thread. A failure writes to the database, which must not hold that thread: it goes to the
        // executor.
        publisher.publish(event, TraceContext.parentFrom(event::traceHeader))
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        sent(next);
                    } else {
                        List<Send> behind = lanes.drop(next);
                        resources.executor().execute(() -> failed(next, behind, failure));
                    }
                });
    }

    private void sent(Send sent) {
        PendingEvent event = sent.event();
        metrics.sent(sent.path());
        delivered.add(event.eventId());
        sentRows.add(event.eventId());
        deleteSentSoon();
        Send following = lanes.advance(sent);
        if (following != null) {
            heads.add(following);
        }
        LOG.log(Level.FINE, "Sent event {0} ({1}, key {2}) by the {3} path",
                new Object[] {event.eventId(), event.type(), event.key(), sent.path()});
    }

    private void failed(Send sent, List<Send> behind, Throwable failure) {
        PendingEvent event = sent.event();
        try {
            metrics.sendFailed();
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            LOG.log(Level.WARNING, "Send of event {0} ({1}, key {2}, {3}) failed, will retry: {4}",
                    new Object[] {event.eventId(), event.type(), event.key(),
                            TraceContext.describe(event::traceHeader), cause.toString()});
            if (!store.markFailed(event.eventId(), cause.toString())) {
                LOG.log(Level.FINE, "Event {0}: no longer this relay's to release", event.eventId());
            }
        } catch (RuntimeException e) {
            // The row keeps its claim, which expires; the sweep then sends it again (at least once, never lost).
            LOG.log(Level.WARNING, "Could not record the outcome of event " + event.eventId() + " (" + event.type()
                    + ", key " + event.key() + ")", e);
        }
        release(behind.stream().map(Send::event).toList());
    }

    /** Lets go of rows this relay claimed but will not send now: due at once, the sweep takes them in key order. */
    private void release(List<PendingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            store.release(events.stream().map(PendingEvent::eventId).toList());
        } catch (RuntimeException e) {
            // Their claims expire instead; the sweep then takes them, in key order all the same.
            LOG.log(Level.WARNING, "Could not release " + events.size() + " outbox rows (first event "
                    + events.get(0).eventId() + "); they wait for their claims to expire", e);
        }
    }

    /**
     * One delete task at a time, which takes every row sent meanwhile: under load, one transaction per batch. It
     * starts after the delete delay, so that at a low rate too a transaction deletes several rows rather than one.
     */
    private void deleteSentSoon() {
        if (deleting.compareAndSet(false, true)) {
            long delay = settings.deleteDelay().toMillis();
            try {
                if (delay == 0) {
                    resources.executor().execute(this::deleteSent);
                } else {
                    resources.scheduler().schedule(this::deleteSent, delay, TimeUnit.MILLISECONDS);
                }
            } catch (RejectedExecutionException e) {
                // the application is stopping: the rows wait for the next delete, or if none comes their claims
                // expire and they are sent again; the key's next row must still be handed on (the caller does that)
                deleting.set(false);
                LOG.log(Level.FINE, "Delete of sent outbox rows refused by the executor", e);
            }
        }
    }

    private void deleteSent() {
        try {
            List<String> batch = new ArrayList<>();
            for (String id = sentRows.poll(); id != null; id = sentRows.poll()) {
                batch.add(id);
                if (batch.size() == DELETE_BATCH || sentRows.isEmpty()) {
                    delete(batch);
                    batch = new ArrayList<>();
                }
            }
        } finally {
            deleting.set(false);
        }
        if (!sentRows.isEmpty()) {
            deleteSentSoon();  // added after the loop's last poll
        }
    }

    private void delete(List<String> eventIds) {
        try {
            batchLock.run(() -> {
                store.markSent(eventIds);
                return null;
            });
            vacuum.deleted(eventIds.size());
        } catch (RuntimeException e) {
            // The rows keep their claims, which expire; the sweep then sends them again (at least once, never lost).
            LOG.log(Level.WARNING, "Could not delete " + eventIds.size() + " sent outbox rows (first event "
                    + eventIds.get(0) + "); they will be sent again", e);
            return;
        }
        // outside the delete's error handling: a cue that fails (a scheduler shutting down) deleted nothing less
        afterDelete.run();
    }

    /** A row on its way, and which path queued it (for the metrics). */
    private record Send(PendingEvent event, OutboxMetrics.Path path) {
    }
}
