package io.playball.outbox;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.playball.outbox.internal.TraceContext;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.Config;

/**
 * An {@link OutboxPublisher} that sends each row as a CloudEvent in Kafka's binary mode: the body is the row's
 * payload unchanged, the record key is the row's key (one aggregate's events stay in one partition, in order), and
 * the {@code ce_*} headers stand beside the plainer {@code eventId} and {@code type} headers that tools read. Each
 * send is a producer span, child of the row's write however long ago, whose context the record carries in its
 * {@code traceparent} and {@code tracestate} headers; the span ends when the broker has answered.
 * <p>
 * The application's subclass holds the {@code @Channel} emitter (its channel must be named literally) and names the
 * channel, the CloudEvents type prefix and the source of its records; the topic is the channel's own setting.
 */
public abstract class CloudEventPublisher implements OutboxPublisher {

    private final String channel;
    private final String typePrefix;
    private final String source;
    private volatile String topic;

    @Inject
    Tracer tracer;

    @Inject
    Config config;

    /**
     * @param typePrefix prefixed to the row's type to make the CloudEvents {@code type}, e.g. {@code io.playball.user.}
     * @param source     the CloudEvents {@code source}, e.g. {@code /playball/auth}
     */
    protected CloudEventPublisher(String channel, String typePrefix, String source) {
        this.channel = channel;
        this.typePrefix = typePrefix;
        this.source = source;
    }

    /** Hands the record to the channel's emitter and returns its acknowledgement. */
    protected abstract CompletionStage<Void> send(ProducerRecord<String, String> record);

    @Override
    public String channel() {
        return channel;
    }

    @Override
    public CompletionStage<Void> publish(PendingEvent event, Context parent) {
        String topic = topic();
        Span span = tracer.spanBuilder(topic + " publish").setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "publish")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", event.eventId())
                .setAttribute("messaging.kafka.message.key", event.key())
                .startSpan();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.key(), event.payload());
        TraceContext.headersOf(span).forEach((name, value) -> record.headers().add(name, bytes(value)));
        record.headers()
                .add("eventId", bytes(event.eventId()))
                .add("type", bytes(event.type()))
                .add("ce_specversion", bytes("1.0"))
                .add("ce_id", bytes(event.eventId()))
                .add("ce_type", bytes(typePrefix + event.type()))
                .add("ce_source", bytes(source))
                .add("ce_time", bytes(event.occurredAt().toString()))
                .add("ce_subject", bytes(event.key()))
                .add("content-type", bytes("application/json"));
        CompletionStage<Void> sent;
        try {
            sent = send(record);
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

    /** The channel's topic, read once: the connector reads it once too, when the channel is built. */
    private String topic() {
        String known = topic;
        if (known == null) {
            known = config.getValue("mp.messaging.outgoing." + channel + ".topic", String.class);
            topic = known;
        }
        return known;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
