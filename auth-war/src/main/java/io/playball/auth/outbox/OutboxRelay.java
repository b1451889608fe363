package io.playball.auth.outbox;

import io.playball.auth.messaging.UserEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends outbox rows to Kafka. Committed rows arrive from the writing transaction's after-commit observer (the fast
 * path) and claimed rows from {@link OutboxSweep}; one sender thread hands them to the producer in arrival order,
 * which keeps one user's events in commit order on the topic. The request thread never waits for Kafka, and no
 * database transaction stays open during a send: the row is deleted, or released with a backoff, in its own short
 * transaction once the broker has answered.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());

    @Inject
    UserEventPublisher publisher;

    @Inject
    OutboxStore store;

    @Inject
    OutboxSettings settings;

    @Resource
    ManagedThreadFactory threads;

    @Resource
    ManagedExecutorService executor;

    private volatile BlockingQueue<PendingEvent> queue;
    private volatile Thread sender;
    private volatile boolean running;

    /** Called once at startup, after the schema is in place. */
    synchronized void start() {
        if (running) {
            return;
        }
        queue = new LinkedBlockingQueue<>(settings.queueCapacity());
        running = true;
        sender = threads.newThread(this::sendLoop);
        sender.setName("playball-outbox-relay");
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
        if (!submit(event)) {
            LOG.log(Level.WARNING, "Relay queue full; event {0} ({1}, user {2}) is left to the sweep",
                    new Object[] {event.eventId(), event.type(), event.userId()});
        }
    }

    /** Queues a row this relay has claimed; false if the queue is full (the claim then expires and is retried). */
    boolean submit(PendingEvent event) {
        BlockingQueue<PendingEvent> q = queue;
        return q != null && running && q.offer(event);
    }

    private void sendLoop() {
        while (running) {
            try {
                PendingEvent event = queue.poll(500, TimeUnit.MILLISECONDS);
                if (event != null) {
                    send(event);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Relay send loop error", e);
            }
        }
    }

    private void send(PendingEvent event) {
        publisher.publish(event.eventId(), event.type(), event.userId(), event.payload())
                .whenCompleteAsync((ignored, failure) -> settle(event, failure), executor);
    }

    private void settle(PendingEvent event, Throwable failure) {
        try {
            if (failure == null) {
                store.markSent(event.eventId());
                LOG.log(Level.FINE, "Sent event {0} ({1}, user {2})",
                        new Object[] {event.eventId(), event.type(), event.userId()});
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                LOG.log(Level.WARNING, "Send of event {0} ({1}, user {2}) failed, will retry: {3}",
                        new Object[] {event.eventId(), event.type(), event.userId(), cause.toString()});
                store.markFailed(event.eventId(), cause.toString());
            }
        } catch (RuntimeException e) {
            // The row keeps its claim, which expires; the sweep then sends it again (at least once, never lost).
            LOG.log(Level.WARNING, "Could not record the outcome of event " + event.eventId(), e);
        }
    }
}
