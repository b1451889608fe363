package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Broker;
import io.playball.it.support.Json;
import io.playball.it.support.OtlpReceiver;
import io.playball.it.support.OtlpReceiver.ReceivedSpan;
import io.playball.it.support.Poll;
import io.playball.it.support.TraceWaterfall;
import io.playball.it.support.UserEventsTopic;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * One change is one trace, from the REST request to the groups apply, across the outbox and Kafka: the test server
 * exports its spans over OTLP/HTTP to the receiver in the tests' JVM ({@link OtlpReceiver}). The client starts the
 * trace with its own {@code traceparent}, so the test knows which trace is the change's.
 */
@MicroShedTest
class TracingIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    @BeforeAll
    static void ready() {
        Api.awaitReady();
        OtlpReceiver.start();  // already listening when the session started it
    }

    @AfterAll
    static void brokerIsBack() {
        Broker.ensureRunning();
    }

    @Test
    void oneChangeIsOneTraceFromTheRequestToTheApply() {
        User user = Accounts.register("traced", "Grace Hopper");
        Trace client = Trace.start();
        try (UserEventsTopic topic = new UserEventsTopic()) {
            assertEquals(200, rename(user, "Rear Admiral Hopper", client).statusCode());

            List<ReceivedSpan> spans = awaitSpans(client, "the apply", s -> s.kind().equals("SPAN_KIND_CONSUMER"));
            ReceivedSpan request = only(spans, s -> s.kind().equals("SPAN_KIND_SERVER"), "the REST request");
            ReceivedSpan write = only(spans, s -> s.name().equals("outbox append"), "the outbox write");
            ReceivedSpan send = only(spans, s -> s.kind().equals("SPAN_KIND_PRODUCER"), "the Kafka send");
            ReceivedSpan apply = only(spans, s -> s.kind().equals("SPAN_KIND_CONSUMER"), "the groups apply");

            assertEquals(client.spanId(), request.parentSpanId(), "the request continues the client's trace");
            assertEquals(request.spanId(), write.parentSpanId(), "the outbox write is part of the request");
            assertEquals(write.spanId(), send.parentSpanId(), "the send continues the write");
            assertEquals(send.spanId(), apply.parentSpanId(), "the apply continues the send");
            assertTrue(request.startNanos() <= write.startNanos() && write.startNanos() <= send.startNanos()
                    && send.startNanos() <= apply.startNanos(), "in causal order: " + spans);
            assertEquals("APPLIED", apply.attributes().get("playball.outcome"));
            assertEquals("user-events", send.attributes().get("messaging.destination.name"));
            TraceWaterfall.write(spans, Path.of("target", "tracing", "change-trace.png"));  // docs/tracing.md's picture

            ConsumerRecord<String, String> record = topic.awaitForUsers(List.of(user.id()), 1, DEADLINE).get(0);
            String traceparent = header(record, "traceparent").orElseThrow();
            assertEquals("00-" + client.traceId() + "-" + send.spanId() + "-01", traceparent,
                    "the record carries the send's context");
        }
    }

    @Test
    void aSendRetriedAfterABrokerOutageJoinsTheOriginalTrace() {
        User user = Accounts.register("traced-outage", "Katherine Johnson");
        Trace client = Trace.start();
        List<ReceivedSpan> failed;
        Broker.stop();
        try {
            assertEquals(200, rename(user, "Katherine G. Johnson", client).statusCode());
            failed = awaitSpans(client, "a send that failed while the broker was down",
                    s -> s.kind().equals("SPAN_KIND_PRODUCER") && s.isError());
        } finally {
            Broker.start();
        }
        List<ReceivedSpan> spans = awaitSpans(client, "the apply after the outage",
                s -> s.kind().equals("SPAN_KIND_CONSUMER"));
        ReceivedSpan write = only(spans, s -> s.name().equals("outbox append"), "the outbox write");
        ReceivedSpan apply = only(spans, s -> s.kind().equals("SPAN_KIND_CONSUMER"), "the groups apply");
        ReceivedSpan delivered = only(spans, s -> s.spanId().equals(apply.parentSpanId()), "the send applied");

        assertEquals("SPAN_KIND_PRODUCER", delivered.kind());
        assertFalse(delivered.isError(), "the send that delivered it succeeded");
        assertTrue(failed.stream().noneMatch(s -> s.spanId().equals(delivered.spanId())), "it is a later send");
        spans.stream().filter(s -> s.kind().equals("SPAN_KIND_PRODUCER")).forEach(s ->
                assertEquals(write.spanId(), s.parentSpanId(), "every send continues the one outbox write"));
        TraceWaterfall.write(spans, Path.of("target", "tracing", "retried-send-trace.png"));
    }

    private static HttpResponse<String> rename(User user, String displayName, Trace trace) {
        return Api.send("PUT", "/auth/api/users/me", user.token(), "application/json",
                Json.object(Map.of("displayName", displayName, "version", 1)),
                Map.of("traceparent", "00-" + trace.traceId() + "-" + trace.spanId() + "-01"));
    }

    private static List<ReceivedSpan> awaitSpans(Trace trace, String what, Predicate<ReceivedSpan> until) {
        return Poll.until(what + " in trace " + trace.traceId(), DEADLINE, () -> OtlpReceiver.trace(trace.traceId()),
                spans -> spans.stream().anyMatch(until));
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, Predicate<ReceivedSpan> which, String what) {
        List<ReceivedSpan> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), "one span for " + what + " in " + spans);
        return found.get(0);
    }

    private static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }

    /** The client's own span: a random trace id and span id, sampled. */
    private record Trace(String traceId, String spanId) {

        static Trace start() {
            return new Trace(random(16), random(8));
        }

        private static String random(int bytes) {
            byte[] id = new byte[bytes];
            RANDOM.nextBytes(id);
            return HexFormat.of().formatHex(id);
        }
    }
}
