package io.playball.outbox.internal;

import io.opentelemetry.context.Context;
import io.playball.outbox.OutboxPublisher;
import io.playball.outbox.PendingEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The Kafka edge as the test plays the broker: every send stays in flight until the test acknowledges or fails it. */
final class TestPublisher implements OutboxPublisher {

    private final List<String> handedOver = new ArrayList<>();
    private final Map<String, Context> parents = new HashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new HashMap<>();

    @Override
    public String channel() {
        return "test-events-out";
    }

    @Override
    public CompletionStage<Void> publish(PendingEvent event, Context parent) {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        handedOver.add(event.eventId());
        parents.put(event.eventId(), parent);
        inFlight.put(event.eventId(), answer);
        return answer;
    }

    /** The events handed to the producer, in order. */
    List<String> handedOver() {
        return List.copyOf(handedOver);
    }

    Context parentOf(String eventId) {
        return parents.get(eventId);
    }

    /** The broker has it: the relay's callbacks run here, on the test's thread, as on the producer's. */
    void ack(String eventId) {
        answer(eventId).complete(null);
    }

    void fail(String eventId, Throwable error) {
        answer(eventId).completeExceptionally(error);
    }

    private CompletableFuture<Void> answer(String eventId) {
        CompletableFuture<Void> answer = inFlight.remove(eventId);
        if (answer == null) {
            throw new IllegalStateException(eventId + " is not in flight");
        }
        return answer;
    }
}
