package io.playball.groups.faults;

import io.playball.groups.monitoring.ConsumerWatch;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Test servers only: a record with header {@value #HEADER} = {@value #END_STREAM} makes the consume method fail, which
 * ends the Reactive Messaging stream (how the tests prove that readiness shows a stopped consumer). Only records
 * written after this JVM started, so that one redelivered after a restart cannot end it again.
 */
@StreamEndingFaults
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class StreamEndingFault {

    static final String HEADER = "playball-fault";
    static final String END_STREAM = "end-stream";
    private static final long STARTED_AT = ManagementFactory.getRuntimeMXBean().getStartTime();

    /** Told, as the consume method would tell it of any failure that ends the stream. */
    @Inject
    ConsumerWatch watch;

    @AroundInvoke
    Object endStreamWhenAsked(InvocationContext invocation) throws Exception {
        if (invocation.getParameters().length == 1 && invocation.getParameters()[0] instanceof Message<?> message
                && asked(message)) {
            watch.ended("a record asked for it with header " + HEADER + " (fault injection)");
            return message.ack().thenCompose(ignored -> CompletableFuture.failedFuture(
                    new IllegalStateException("fault injected by header " + HEADER)));
        }
        return invocation.proceed();
    }

    private static boolean asked(Message<?> message) {
        ConsumerRecord<?, ?> record = message.unwrap(ConsumerRecord.class);
        Header fault = record.headers().lastHeader(HEADER);
        return fault != null && END_STREAM.equals(new String(fault.value(), StandardCharsets.UTF_8))
                && record.timestamp() >= STARTED_AT;
    }
}
