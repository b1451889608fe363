package io.playball.it.support;

import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * An OTLP/HTTP receiver (protobuf) in the tests' JVM, on the port the test server exports its spans to: started once
 * for the whole test session, so that the server always has somewhere to send them. Keeps the spans of the most
 * recent traces, for a test to read by trace id.
 */
public final class OtlpReceiver implements LauncherSessionListener {

    private static final Logger LOG = Logger.getLogger(OtlpReceiver.class.getName());
    private static final int TRACES_KEPT = 20_000;
    private static final HexFormat HEX = HexFormat.of();

    private static final Map<String, List<ReceivedSpan>> TRACES = new LinkedHashMap<>();
    private static final Queue<String> ARRIVAL = new ArrayDeque<>();
    private static HttpServer server;

    /** One span as the server exported it; ids in lower-case hex, as in {@code traceparent}. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, String kind,
                               long startNanos, long endNanos, String status, Map<String, String> attributes) {

        public boolean isError() {
            return status.equals("STATUS_CODE_ERROR");
        }
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (OtlpReceiver.class) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    /** Listens, unless it already does. A port taken by something else is logged: only the tracing tests need it. */
    public static synchronized void start() {
        if (server != null) {
            return;
        }
        int port = Integer.getInteger("playball.otlp.port", 4318);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "No OTLP receiver on port " + port + ": " + e);
            return;
        }
        server.createContext("/v1/traces", OtlpReceiver::traces);
        server.createContext("/", OtlpReceiver::accepted);  // metrics or logs, if a server sends them: not kept
        server.start();
    }

    /** The spans received so far of this trace, in arrival order. */
    public static synchronized List<ReceivedSpan> trace(String traceId) {
        return List.copyOf(TRACES.getOrDefault(traceId, List.of()));
    }

    private static void traces(HttpExchange exchange) throws IOException {
        try (exchange) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body(exchange));
            for (ResourceSpans resource : request.getResourceSpansList()) {
                for (ScopeSpans scope : resource.getScopeSpansList()) {
                    scope.getSpansList().forEach(span -> keep(new ReceivedSpan(hex(span.getTraceId()),
                            hex(span.getSpanId()), hex(span.getParentSpanId()), span.getName(), span.getKind().name(),
                            span.getStartTimeUnixNano(), span.getEndTimeUnixNano(), span.getStatus().getCode().name(),
                            attributes(span.getAttributesList()))));
                }
            }
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not read an OTLP export", e);
        }
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static byte[] body(HttpExchange exchange) {
        try (InputStream raw = exchange.getRequestBody()) {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            return gzip ? new GZIPInputStream(raw).readAllBytes() : raw.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void keep(ReceivedSpan span) {
        List<ReceivedSpan> spans = TRACES.get(span.traceId());
        if (spans == null) {
            spans = new ArrayList<>();
            TRACES.put(span.traceId(), spans);
            ARRIVAL.add(span.traceId());
            if (ARRIVAL.size() > TRACES_KEPT) {
                TRACES.remove(ARRIVAL.poll());
            }
        }
        spans.add(span);
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        Map<String, String> map = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            var value = kv.getValue();
            map.put(kv.getKey(), switch (value.getValueCase()) {
                case STRING_VALUE -> value.getStringValue();
                case INT_VALUE -> Long.toString(value.getIntValue());
                case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
                case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
                default -> value.toString();
            });
        }
        return map;
    }

    private static String hex(ByteString bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }
}
