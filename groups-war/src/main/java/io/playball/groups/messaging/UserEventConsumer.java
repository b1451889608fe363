package io.playball.groups.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The Kafka edge of groups: one record at a time from {@code user-events} (channel {@code user-events-in}, consumer
 * group of the groups service). A record is acknowledged only after the transaction that applied it has committed,
 * or after it has been parked on the dead-letter topic. A failure to apply (database down) is retried here with
 * backoff, holding the stream, and never nacked: on Liberty a nack would stop the stream for good.
 */
@ApplicationScoped
public class UserEventConsumer {

    private static final Logger LOG = Logger.getLogger(UserEventConsumer.class.getName());
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    @Inject
    UserEventDecoder decoder;

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

    /** Test servers only: a record with header {@value #FAULT_HEADER} = {@value #END_STREAM} ends the stream. */
    @Inject
    @ConfigProperty(name = "playball.fault-injection.enabled", defaultValue = "false")
    boolean faultInjection;

    static final String FAULT_HEADER = "playball-fault";
    static final String END_STREAM = "end-stream";

    /** When this JVM started: a record written before it cannot be a fault meant for this server. */
    private final Instant startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private volatile boolean stopping;

    @PreDestroy
    void stop() {
        stopping = true;
    }

    @Incoming("user-events-in")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> record = message.unwrap(ConsumerRecord.class);
        try {
            CompletionStage<Void> done = faultInjection && endStreamRequested(record)
                    ? message.ack().thenCompose(ignored -> CompletableFuture.failedFuture(
                            new IllegalStateException("fault injected by header " + FAULT_HEADER)))
                    : handle(record, message);
            return done.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    streamEnds(record, failure);
                }
            });
        } catch (RuntimeException e) {
            streamEnds(record, e);
            throw e;
        }
    }

    private CompletionStage<Void> handle(ConsumerRecord<String, String> record, Message<String> message) {
        UserEvent event;
        try {
            event = decoder.decode(message.getPayload());
        } catch (UnreadableEventException e) {
            park(record, e.getMessage());
            return message.ack();
        }
        UserEventSink.Outcome outcome = applyUntilDone(event);
        metrics.count(outcome);
        if (outcome == UserEventSink.Outcome.APPLIED) {
            Instant committed = clock.instant();
            metrics.lag(Duration.between(event.occurredAt(), committed));
            appliedLog.add(event.eventId().toString(), event.userId(), event.userVersion(), event.occurredAt(),
                    committed);
        }
        LOG.log(outcome == UserEventSink.Outcome.APPLIED ? Level.FINE : Level.INFO,
                "Event {0} ({1}, user {2}, version {3}) {4}",
                new Object[] {event.eventId(), event.type(), event.userId(), event.userVersion(), outcome});
        return message.ack();
    }

    /** A failure that escapes the consume method ends the Reactive Messaging stream: say so, loudly. */
    private void streamEnds(ConsumerRecord<String, String> record, Throwable failure) {
        if (stopping) {
            return;  // the application is stopping: unacknowledged records are redelivered after restart
        }
        String reason = "record " + describe(record) + " failed: " + rootCause(failure);
        watch.ended(reason);
        LOG.log(Level.SEVERE, "The user-events stream has stopped; " + reason, failure);
    }

    /** Only records written after this JVM started, so that one redelivered after a restart cannot end it again. */
    private boolean endStreamRequested(ConsumerRecord<String, String> record) {
        Header fault = record.headers().lastHeader(FAULT_HEADER);
        return fault != null && END_STREAM.equals(new String(fault.value(), StandardCharsets.UTF_8))
                && record.timestamp() >= startedAt.toEpochMilli();
    }

    private UserEventSink.Outcome applyUntilDone(UserEvent event) {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                UserEventSink.Outcome outcome = sink.apply(event);
                watch.progressed();
                return outcome;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;  // the record stays unacknowledged and is redelivered after restart
                }
                metrics.retried();
                watch.failing("event " + event.eventId() + " (" + event.type() + ", user " + event.userId() + ")",
                        rootCause(e));
                LOG.log(Level.WARNING, "Event {0} ({1}, user {2}) not applied, retrying in {3} ms: {4}",
                        new Object[] {event.eventId(), event.type(), event.userId(), pause.toMillis(), rootCause(e)});
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            }
        }
    }

    private void park(ConsumerRecord<String, String> record, String reason) {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                deadLetters.park(record, reason).toCompletableFuture().get(30, TimeUnit.SECONDS);
                metrics.parked();
                LOG.log(Level.WARNING, "Parked record {0} on the dead-letter topic: {1}",
                        new Object[] {describe(record), reason});
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parking a record", e);
            } catch (Exception e) {
                if (stopping) {
                    throw new IllegalStateException("stopping before the record could be parked", e);
                }
                LOG.log(Level.WARNING, "Could not park record {0} yet, retrying: {1}",
                        new Object[] {describe(record), rootCause(e)});
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            }
        }
    }

    /** Where the record is, and its event id, type and user as far as its headers and key tell (it may be unreadable). */
    static String describe(ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset() + " (event " + header(record, "eventId")
                + ", type " + header(record, "type") + ", user " + record.key() + ")";
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "?" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());  // retry backoff on the consumer's own thread: holding it is the point
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during retry backoff", e);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.toString();
    }
}
