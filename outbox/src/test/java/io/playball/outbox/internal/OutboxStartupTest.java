package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the outbox refuses to start with, each refusal naming what to set. */
class OutboxStartupTest {

    @Test
    void aChannelWithoutAConnectorFailsTheStartAndNamesTheChannel() {
        for (Optional<String> none : List.of(Optional.<String>empty(), Optional.of(" "))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> OutboxStartup.requireConnector("orders-out", none));
            assertTrue(refused.getMessage().contains("mp.messaging.outgoing.orders-out.connector"),
                    refused.getMessage());
        }
    }

    @Test
    void aChannelWithAConnectorStarts() {
        assertDoesNotThrow(() -> OutboxStartup.requireConnector("orders-out", Optional.of("liberty-kafka")));
    }
}
