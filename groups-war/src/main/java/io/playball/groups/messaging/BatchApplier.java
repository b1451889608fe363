package io.playball.groups.messaging;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.playball.groups.event.UserEvent;
import io.playball.groups.event.UserEventSink;
import io.playball.groups.monitoring.AppliedEventLog;
import io.playball.groups.monitoring.ConsumerMetrics;
import io.playball.groups.monitoring.ConsumerWatch;
import io.playball.outbox.FailureKind;
import io.playball.outbox.internal.Backoff;
import io.playball.outbox.internal.TraceContext;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies what the consumer received on one thread of its own, in arrival order, as many records per transaction as
 * have arrived meanwhile (up to {@code playball.consumer.batch.max}): one record when traffic is light, a batch under
 * load or after a backlog. Each record is acknowledged only after the transaction that applied it has committed (or
 * after it has been parked), in order. If a batch fails, its records are applied one by one: one poison event cannot
 * take its batch with it. Each failure is classified ({@link FailureKind}): a transient one is retried with backoff
 * for as long as it lasts (readiness shows the stall), a permanent one parks the record at once with its SQLState,
 * and one the table does not cover is parked after {@code playball.consumer.unknown.failure.attempts} attempts.
 */
@ApplicationScoped
public class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class.getName());
    private static final Backoff RETRY = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private static final String PARKED = "PARKED";

    @Inject
    UserEventSink sink;

    @Inject
    DeadLetters deadLetters;

    @Inject
    ConsumerMetrics metrics;

    @Inject
    ConsumerWatch watch;

    @Inject
    AppliedEventLog appliedLog;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "playball.consumer.batch.max", defaultValue = "500")
    int batchMax;

    /** Attempts at an event whose failure {@link FailureKind} does not know, before it is parked. */
    @Inject
    @ConfigProperty(name = "playball.consumer.unknown.failure.attempts", defaultValue = "10")
    int unknownFailureAttempts;

    @Resource
    ManagedThreadFactory threads;

    /** How the applier waits between attempts; a test moves a clock instead. */
    Backoff.Pauser pauser = Backoff.Pauser.SLEEP;

    /** A received record: decoded, or unreadable with the reason it is parked for; and its consumer span. */
    record Delivery(Message<String> message, ConsumerRecord<String, String> record, UserEvent event,
                    String unreadable, Span span) {

        /** Acknowledges the record and ends its span with the outcome: once it is applied for good, or parked. */
        void done(String outcome, int batchSize) {
            message.ack();
            span.setAttribute("playball.outcome", outcome);
            span.setAttribute("messaging.batch.message_count", batchSize);
            span.end();
        }
    }

    private final BlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private Thread worker;
    private volatile boolean running = true;

    /**
     * Queues a record for applying. Never blocks: an acknowledgement lets the connector deliver the next record on the
     * acknowledging thread, which is the applier's own, so a full queue would wait for itself. What can be queued is
     * bounded by the connector instead, which stops fetching at {@code unacked.limit} unacknowledged records.
     */
    void accept(Delivery delivery) {
        queue.add(delivery);
    }

    /** With the application: a record that arrives before waits in the queue. */
    synchronized void start(@Observes Startup startup) {
        if (worker == null) {
            worker = threads.newThread(this::work);
            worker.setName("playball-user-events-applier");
            worker.start();
        }
    }

    @PreDestroy
    synchronized void stop() {
        running = false;  // records not yet acknowledged are redelivered after restart
        if (worker != null) {
            worker.interrupt();
        }
    }

    private void work() {
        List<Delivery> batch = new ArrayList<>();
        try {
            while (running) {
                Delivery first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, Math.max(1, batchMax) - 1);
                process(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            if (running) {
                String reason = "the applier failed on a batch of " + batch.size() + " records from "
                        + UserEventConsumer.describe(batch.get(0).record()) + ": " + rootCause(e);
                watch.ended(reason);
                LOG.log(Level.SEVERE, "The user-events applier has stopped; " + reason, e);
            }
        }
    }

    /** Runs of readable events go in one transaction each; an unreadable record between them is parked in its turn. */
    void process(List<Delivery> batch) {
        int from = 0;
        while (from < batch.size()) {
            Delivery d = batch.get(from);
            if (d.unreadable() != null) {
                park(d.record(), d.unreadable());
                d.done(PARKED, 1);
                from++;
                continue;
            }
            int to = from;
            while (to < batch.size() && batch.get(to).unreadable() == null) {
                to++;
            }
            apply(batch.subList(from, to));
            from = to;
        }
    }

    private void apply(List<Delivery> run) {
        List<UserEvent> events = run.stream().map(Delivery::event).toList();
        List<UserEventSink.Outcome> outcomes = null;
        if (events.size() > 1) {
            try {
                watch.applying();
                outcomes = sink.applyAll(events);
                metrics.batch(events.size());
                watch.progressed();
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "A batch of {0} events failed ({1}); applying them one by one",
                        new Object[] {events.size(), rootCause(e)});
            }
        }
        if (outcomes == null) {
            outcomes = new ArrayList<>(events.size());
            for (Delivery delivery : run) {
                outcomes.add(applyOrPark(delivery));
            }
        }
        Instant committed = clock.instant();
        for (int i = 0; i < run.size(); i++) {
            UserEvent event = events.get(i);
            UserEventSink.Outcome outcome = outcomes.get(i);
            if (outcome != null) {  // null: parked
                metrics.count(outcome);
                if (outcome == UserEventSink.Outcome.APPLIED) {
                    metrics.lag(Duration.between(event.occurredAt(), committed));
                    appliedLog.add(event.eventId().toString(), event.userId(), event.userVersion(),
                            event.occurredAt(), committed);
                }
                LOG.log(outcome == UserEventSink.Outcome.APPLIED ? Level.FINE : Level.INFO,
                        "Event {0} ({1}, user {2}, version {3}) {4}",
                        new Object[] {event.eventId(), event.type(), event.userId(), event.userVersion(), outcome});
            }
            run.get(i).done(outcome == null ? PARKED : outcome.name(), run.size());
        }
    }

    /**
     * Applies one event, retrying what may pass later; returns its outcome, or null once it has been parked because
     * the database refuses it for good (or in a way nobody classified, too many times).
     */
    private UserEventSink.Outcome applyOrPark(Delivery delivery) {
        UserEvent event = delivery.event();
        int failures = 0;
        int unknownFailures = 0;
        while (true) {
            try {
                watch.applying();
                UserEventSink.Outcome outcome = sink.applyAll(List.of(event)).get(0);
                metrics.batch(1);
                watch.progressed();
                return outcome;
            } catch (RuntimeException e) {
                if (!running) {
                    throw e;  // the record stays unacknowledged and is redelivered after restart
                }
                FailureKind kind = FailureKind.of(e);
                if (kind == FailureKind.UNKNOWN) {
                    unknownFailures++;
                }
                if (kind == FailureKind.PERMANENT
                        || (kind == FailureKind.UNKNOWN && unknownFailures >= Math.max(1, unknownFailureAttempts))) {
                    park(delivery.record(), refusal(kind, e, unknownFailures));
                    return null;
                }
                metrics.retried();
                delivery.span().addEvent("retry", Attributes.of(AttributeKey.stringKey("playball.failure.kind"),
                        kind.name(), AttributeKey.stringKey("exception.message"), rootCause(e)));
                watch.failing("event " + event.eventId() + " (" + event.type() + ", user " + event.userId() + ")",
                        rootCause(e));
                Duration pause = RETRY.after(++failures);
                LOG.log(Level.WARNING, "Event {0} ({1}, user {2}, {3}) not applied ({4} failure), retrying in {5}"
                        + " ms: {6}", new Object[] {event.eventId(), event.type(), event.userId(),
                                TraceContext.describe(delivery.span().getSpanContext()), kind, pause.toMillis(),
                                rootCause(e)});
                pause(pause);
            }
        }
    }

    /** The reason a parked record carries: which kind of refusal, its SQLState, the database's words. */
    static String refusal(FailureKind kind, Throwable e, int attempts) {
        String state = FailureKind.sqlState(e).map(s -> "SQLState " + s + ", ").orElse("");
        return kind == FailureKind.PERMANENT
                ? "the database refuses it for good (" + state + rootCause(e) + ")"
                : "failed " + attempts + " times in a way not known to pass (" + state + rootCause(e) + ")";
    }

    private void park(ConsumerRecord<String, String> record, String reason) {
        int failures = 0;
        while (true) {
            try {
                deadLetters.park(record, reason).toCompletableFuture().get(30, TimeUnit.SECONDS);
                metrics.parked();
                watch.progressed();
                LOG.log(Level.WARNING, "Parked record {0} on the dead-letter topic: {1}",
                        new Object[] {UserEventConsumer.describe(record), reason});
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parking a record", e);
            } catch (Exception e) {
                if (!running) {
                    throw new IllegalStateException("stopping before the record could be parked", e);
                }
                // cannot end: the record must be kept somewhere. Shows as a stall in readiness, and in the metrics
                metrics.retried();
                watch.failing("parking of record " + UserEventConsumer.describe(record), rootCause(e));
                LOG.log(Level.WARNING, "Could not park record {0} yet, retrying: {1}",
                        new Object[] {UserEventConsumer.describe(record), rootCause(e)});
                pause(RETRY.after(++failures));
            }
        }
    }

    private void pause(Duration pause) {
        try {
            pauser.pause(pause);  // retry backoff on the applier's own thread: holding it is the point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during retry backoff", e);
        }
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
