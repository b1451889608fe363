package io.playball.groups.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
    ConsumerCounters counters;

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
        UserEvent event;
        try {
            event = decoder.decode(message.getPayload());
        } catch (UnreadableEventException e) {
            park(record, e.getMessage());
            return message.ack();
        }
        UserEventSink.Outcome outcome = applyUntilDone(event);
        counters.count(outcome);
        LOG.log(outcome == UserEventSink.Outcome.APPLIED ? Level.FINE : Level.INFO,
                "Event {0} ({1}, user {2}, version {3}) {4}",
                new Object[] {event.eventId(), event.type(), event.userId(), event.userVersion(), outcome});
        return message.ack();
    }

    private UserEventSink.Outcome applyUntilDone(UserEvent event) {
        Duration pause = FIRST_RETRY;
        while (true) {
            try {
                return sink.apply(event);
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;  // the record stays unacknowledged and is redelivered after restart
                }
                counters.retried();
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
                counters.parked();
                LOG.log(Level.WARNING, "Parked record {0}-{1}@{2} (key {3}) on the dead-letter topic: {4}",
                        new Object[] {record.topic(), record.partition(), record.offset(), record.key(), reason});
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while parking a record", e);
            } catch (Exception e) {
                if (stopping) {
                    throw new IllegalStateException("stopping before the record could be parked", e);
                }
                LOG.log(Level.WARNING, "Could not park record {0}-{1}@{2} yet, retrying: {3}",
                        new Object[] {record.topic(), record.partition(), record.offset(), rootCause(e)});
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
            }
        }
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
