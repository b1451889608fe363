package io.playball.platform.outbox;

import io.playball.platform.tracing.TraceContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends outbox rows to Kafka. Committed rows arrive from the writing transaction's after-commit observer (the fast
 * path) and claimed rows from {@link OutboxSweep}; one sender thread hands them to the producer in arrival order,
 * which keeps one user's events in commit order on the topic. The request thread never waits for Kafka, and no
 * database transaction stays open during a send: once the broker has answered, the row is released with a backoff
 * in its own short transaction, or deleted together with the other rows sent meanwhile.
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
    private final AtomicBoolean deleting = new AtomicBoolean();
    private volatile BlockingQueue<Send> queue;
    private volatile Thread sender;
    private volatile boolean running;

    /** Called once at startup, after the schema is in place. */
    synchronized void start() {
        if (running) {
            return;
        }
        queue = new LinkedBlockingQueue<>(settings.queueCapacity());
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
    }

    /** Fast path: the transaction that wrote the row has committed. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) PendingEvent event) {
        if (!enqueue(new Send(event, OutboxMetrics.Path.FAST))) {
            LOG.log(Level.WARNING, "Relay queue full; event {0} ({1}, key {2}) is left to the sweep",
                    new Object[] {event.eventId(), event.type(), event.key()});
        }
    }

    /** Queues a row this relay has claimed; false if the queue is full (the claim then expires and is retried). */
    boolean submit(PendingEvent event) {
        return enqueue(new Send(event, OutboxMetrics.Path.SWEEP));
    }

    /** Queues a row an operator asked to send now (claimed by this relay); false if the queue is full. */
    public boolean resend(PendingEvent event) {
        return enqueue(new Send(event, OutboxMetrics.Path.REPAIR));
    }

    /** How many more rows the queue takes now. */
    int room() {
        BlockingQueue<Send> q = queue;
        return q == null || !running ? 0 : q.remainingCapacity();
    }

    private boolean enqueue(Send send) {
        BlockingQueue<Send> q = queue;
        return q != null && running && q.offer(send);
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

    /** One turn of the sender thread: sends the next queued row if one comes within {@code timeoutMs}. */
    void sendNext(long timeoutMs) throws InterruptedException {
        Send next = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (next != null) {
            send(next);
        }
    }

    private void send(Send next) {
        PendingEvent event = next.event();
        if (event.claimedUntil() != null
                && clock.instant().plus(settings.longestSend()).isAfter(event.claimedUntil())) {
            // too late to send under this claim: it could expire in flight and another relay take the row over.
            // Left alone, the claim expires and a sweep claims the row afresh.
            metrics.claimTooOld();
            LOG.log(Level.WARNING, "Event {0} ({1}, key {2}, {3}) waited too long for its send; left to the sweep",
                    new Object[] {event.eventId(), event.type(), event.key(),
                            TraceContext.describe(event::traceHeader)});
            return;
        }
        // A success only counts and queues the row for the batch delete: done on the completing thread. A failure
        // writes to the database, which must not hold that thread: it goes to the executor.
        publisher.publish(event, TraceContext.parentFrom(event::traceHeader))
                .whenComplete((ignored, failure) -> {
                    if (failure == null) {
                        sent(next);
                    } else {
                        resources.executor().execute(() -> failed(next, failure));
                    }
                });
    }

    private void sent(Send sent) {
        PendingEvent event = sent.event();
        metrics.sent(sent.path());
        sentRows.add(event.eventId());
        deleteSentSoon();
        LOG.log(Level.FINE, "Sent event {0} ({1}, key {2}) by the {3} path",
                new Object[] {event.eventId(), event.type(), event.key(), sent.path()});
    }

    private void failed(Send sent, Throwable failure) {
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
    }

    /** One delete task at a time, which takes every row sent meanwhile: under load, one transaction per batch. */
    private void deleteSentSoon() {
        if (deleting.compareAndSet(false, true)) {
            resources.executor().execute(this::deleteSent);
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
        }
    }

    /** A row on its way, and which path queued it (for the metrics). */
    private record Send(PendingEvent event, OutboxMetrics.Path path) {
    }
}
