package io.playball.auth.messaging;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.playball.platform.outbox.OutboxPublisher;
import io.playball.platform.outbox.PendingEvent;
import io.playball.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The Kafka edge of auth: hands one already-encoded event to the {@code user-events-out} channel (liberty-kafka).
 * The record key is the user id, so one user's events stay in one partition, in order. The headers make the record a
 * CloudEvent in Kafka's binary mode (the body is the event's data, unchanged), beside the older {@code eventId} and
 * {@code type} headers that tools already read.
 */
@ApplicationScoped
public class UserEventPublisher implements OutboxPublisher {

    static final String CHANNEL = "user-events-out";

    /** CloudEvents {@code type} is this prefix and the event's type: {@code io.playball.user.UserUpdated}. */
    public static final String CLOUDEVENT_TYPE_PREFIX = "io.playball.user.";
    public static final String CLOUDEVENT_SOURCE = "/playball/auth";

    @Inject
    @Channel(CHANNEL)
    @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
    Emitter<ProducerRecord<String, String>> emitter;

    @Inject
    @ConfigProperty(name = "mp.messaging.outgoing.user-events-out.topic", defaultValue = "user-events")
    String topic;

    @Inject
    Tracer tracer;

    @Override
    public String channel() {
        return CHANNEL;
    }

    /**
     * Each send is a producer span, child of {@code parent} (the change's outbox write, however long ago), whose
     * context the record carries in its {@code traceparent} and {@code tracestate} headers; it ends when the broker
     * has answered.
     */
    @Override
    public CompletionStage<Void> publish(PendingEvent event, Context parent) {
        String eventId = event.eventId();
        String type = event.type();
        String userId = event.key();
        Span span = tracer.spanBuilder(topic + " publish").setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .setAttribute("messaging.kafka.message.key", userId)
                .startSpan();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, userId, event.payload());
        TraceContext.headersOf(span).forEach((name, value) -> record.headers().add(name, bytes(value)));
        record.headers()
                .add("eventId", bytes(eventId))
                .add("type", bytes(type))
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(eventId))
                .add("ce_type", bytes(CLOUDEVENT_TYPE_PREFIX + type))
                .add("ce_source", bytes(CLOUDEVENT_SOURCE))
                .add("ce_time", bytes(event.occurredAt().toString()))
                .add("ce_subject", bytes(userId))
                .add("content-type", bytes("application/json"));
        CompletionStage<Void> sent;
        try {
            sent = emitter.send(record);
        } catch (RuntimeException e) {  // buffer full, channel down
            sent = CompletableFuture.failedFuture(e);
        }
        return sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.toString());
            }
            span.end();
        });
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
