package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxEntryTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    private static OutboxEntry fresh() {
        return OutboxEntry.claimedOnWrite(new PendingEvent("e1", "Created", "k1", NOW, "{}", null, null, null, false, 0),
                1, 0, NOW, "me",
                Duration.ofSeconds(30));
    }

    @Test
    void aNewRowIsDueAtOnceAndClaimedByItsWriter() {
        OutboxEntry entry = fresh();
        assertEquals(NOW, entry.nextAttemptAt());
        assertEquals(0, entry.attempts());
    }

    @Test
    void failuresBackOffExponentiallyUpToTheMaximum() {
        OutboxEntry entry = fresh();
        long[] expectedMs = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (long ms : expectedMs) {
            entry.failed("broker down", NOW, BACKOFF);
            assertEquals(NOW.plusMillis(ms), entry.nextAttemptAt(), "after " + entry.attempts() + " attempts");
        }
        assertEquals(expectedMs.length, entry.attempts());
        assertEquals("broker down", entry.lastError());
    }

    @Test
    void manyFailuresDoNotOverflowTheBackoff() {
        OutboxEntry entry = fresh();
        for (int i = 0; i < 100; i++) {
            entry.failed("x", NOW, BACKOFF);
        }
        assertEquals(NOW.plus(BACKOFF.max()), entry.nextAttemptAt());
    }

    @Test
    void theLastErrorIsKeptWithinItsColumn() {
        OutboxEntry entry = fresh();
        entry.failed("e".repeat(5000), NOW, BACKOFF);
        assertEquals(OutboxEntry.MAX_ERROR_LENGTH, entry.lastError().length());
    }
}
