package io.playball.groups.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.playball.groups.event.UnreadableEventException;
import io.playball.groups.event.UserEventDecoder;
import io.playball.groups.monitoring.ConsumerWatch;
import io.playball.outbox.internal.TraceContext;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The Kafka edge of groups: records from {@code user-events} (channel {@code user-events-in}, consumer group of the
 * groups service), decoded and handed in order to the {@link BatchApplier}. A record is acknowledged only after the
 * transaction that applied it has committed, or after it has been parked on the dead-letter topic. A failure to apply
 * (database down) is retried by the applier with backoff, holding the stream, and never nacked: on Liberty a nack
 * would stop the stream for good.
 */
@ApplicationScoped
public class UserEventConsumer {

    private static final Logger LOG = Logger.getLogger(UserEventConsumer.class.getName());

    @Inject
    UserEventDecoder decoder;

    @Inject
    BatchApplier applier;

    @Inject
    ConsumerWatch watch;

    @Inject
    Tracer tracer;

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
            return handle(record, message).whenComplete((ignored, failure) -> {
                if (failure != null) {
                    streamEnds(record, failure);
                }
            });
        } catch (RuntimeException e) {
            streamEnds(record, e);
            throw e;
        }
    }

    /**
     * Applies a record an operator sends back from the dead-letter topic, here, as the consumer applies one it
     * received: the inbox skips it if its event was applied meanwhile, and one that still cannot be read or applied is
     * parked again. It is never written to {@code user-events}: only auth writes that topic, and what other consumers
     * read there is what auth published.
     *
     * @return completes once the record is applied, skipped or parked again
     */
    public CompletionStage<Void> resubmitted(ConsumerRecord<String, String> record) {
        CompletableFuture<Void> handled = new CompletableFuture<>();
        handle(record, Message.of(record.value(), () -> {
            handled.complete(null);
            return CompletableFuture.completedFuture(null);
        }));
        return handled;
    }

    /**
     * Decodes here, applies on the applier's thread: the stage completes once the record is queued, and the record
     * is acknowledged later, after the transaction that applied it has committed (or after it has been parked).
     */
    private CompletionStage<Void> handle(ConsumerRecord<String, String> record, Message<String> message) {
        Span span = processing(record);
        BatchApplier.Delivery delivery;
        try {
            delivery = new BatchApplier.Delivery(message, record, decoder.decode(message.getPayload()), null, span);
        } catch (UnreadableEventException e) {
            delivery = new BatchApplier.Delivery(message, record, null, e.getMessage(), span);
        }
        applier.accept(delivery);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The record's consumer span, from its arrival to the commit that applied it (or its parking), child of the
     * producer span whose context the record's {@code traceparent} header carries: the end of the change's trace. A
     * record applied in a batch keeps a span of its own, so that each change's trace is whole.
     */
    private Span processing(ConsumerRecord<String, String> record) {
        return tracer.spanBuilder(record.topic() + " process")
                .setParent(TraceContext.parentFrom(name -> headerOrNull(record, name)))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", record.topic())
                .setAttribute("messaging.destination.partition.id", Integer.toString(record.partition()))
                .setAttribute("messaging.kafka.offset", record.offset())
                .setAttribute("messaging.message.id", header(record, "eventId"))
                .startSpan();
    }

    /** A failure that escapes the consume method ends the Reactive Messaging stream: say so, loudly. */
    private void streamEnds(ConsumerRecord<String, String> record, Throwable failure) {
        if (stopping) {
            return;  // the application is stopping: unacknowledged records are redelivered after restart
        }
        String reason = "record " + describe(record) + " failed: " + BatchApplier.rootCause(failure);
        watch.ended(reason);
        LOG.log(Level.SEVERE, "The user-events stream has stopped; " + reason, failure);
    }

    /** Where the record is, and its event id, type and user as far as its headers and key tell (it may be unreadable). */
    static String describe(ConsumerRecord<String, String> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset()
                + " (event " + header(record, "eventId") + ", type " + header(record, "type") + ", user " + record.key() + ", "
                + TraceContext.describe(name -> headerOrNull(record, name)) + ")";
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        String value = headerOrNull(record, name);
        return value == null ? "?" : value;
    }

    private static String headerOrNull(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
