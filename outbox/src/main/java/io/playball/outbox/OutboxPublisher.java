package io.playball.outbox;

import io.opentelemetry.context.Context;
import java.util.concurrent.CompletionStage;

/**
 * What the application supplies as a CDI bean: the Reactive Messaging edge that puts one outbox row on its channel
 * (an {@code @Channel} emitter must name its channel literally, so the application writes this one class).
 */
public interface OutboxPublisher {

    /** The outgoing channel's name: the relay reads the producer's bounds ({@code max.block.ms}) from its settings. */
    String channel();

    /**
     * Sends the row; the stage completes when the broker has acknowledged it and fails when it cannot be sent. May
     * block up to the producer's {@code max.block.ms}: the relay never calls it on a request thread.
     *
     * @param parent the trace context of the row's write, however long ago: the send continues that trace
     */
    CompletionStage<Void> publish(PendingEvent event, Context parent);
}
