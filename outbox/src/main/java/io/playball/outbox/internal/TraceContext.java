package io.playball.outbox.internal;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A span's W3C trace context ({@code traceparent}, and {@code tracestate} when there is one) as plain strings: how a
 * change's trace is kept on its outbox row and carried in a Kafka record's headers. Always W3C, whatever propagators
 * the server is configured with, because the row and the record outlive the request and the server.
 */
public final class TraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Function<String, String>> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private TraceContext() {
    }

    /** The span's context as headers; empty when the span is not recording a trace (tracing off). */
    public static Map<String, String> headersOf(Span span) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (span.getSpanContext().isValid()) {
            W3C.inject(Context.root().with(span), headers, Map::put);
        }
        return headers;
    }

    /** The context that these headers name, to start a child span in; the root context when they name none. */
    public static Context parentFrom(Function<String, String> header) {
        return W3C.extract(Context.root(), header, GETTER);
    }

    /** "trace {id} span {id}" of the context these headers name, for log lines about an event; "no trace" if none. */
    public static String describe(Function<String, String> header) {
        return describe(Span.fromContext(parentFrom(header)).getSpanContext());
    }

    /** The same for a span's context. */
    public static String describe(SpanContext context) {
        return context.isValid() ? "trace " + context.getTraceId() + " span " + context.getSpanId() : "no trace";
    }
}
