package io.playball.outbox.internal;

import io.playball.outbox.PendingEvent;
import static io.playball.platform.persistence.TestDatabase.inTransaction;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.platform.persistence.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sweep's due-selection and the claims between relays, on the outbox's own changelog and queries, with a clock
 * the test moves: two relays share the database, as two servers would.
 */
class OutboxClaimsTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    /** One database for the class (its schema takes a moment to build); each test starts with an empty outbox. */
    private static final TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml");

    private final MovingClock clock = new MovingClock();
    private final OutboxStore relayA = relay();
    private final OutboxStore relayB = relay();

    @BeforeEach
    void emptyOutbox() {
        runInTransaction(relayA.em, em -> em.createQuery("DELETE FROM OutboxEntry e").executeUpdate());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private OutboxStore relay() {
        OutboxSettings settings = new OutboxSettings();
        settings.claimLeaseMs = LEASE.toMillis();
        settings.initialBackoffMs = 500;
        settings.maxBackoffMs = 30_000;
        OutboxStore store = new OutboxStore();
        store.em = db.entityManager();
        store.settings = settings;
        store.clock = clock;
        return store;
    }

    private void write(String eventId, OutboxEntry entry) {
        runInTransaction(relayA.em, em -> em.persist(entry));
    }

    private OutboxEntry claimedOnWriteByA(String eventId) {
        return OutboxEntry.claimedOnWrite(event(eventId), 1, 0, clock.instant(), relayA.settings.owner(), LEASE);
    }

    private PendingEvent event(String eventId) {
        return new PendingEvent(eventId, "Changed", "k-" + eventId, clock.instant(), "{}", null, null, null, false, 0);
    }

    private List<String> claimDue(OutboxStore relay, int max) {
        return inTransaction(relay.em, em -> relay.claimDue(max, Set.of())).rows().stream()
                .map(PendingEvent::eventId)
                .toList();
    }

    private boolean markFailed(OutboxStore relay, String eventId, String error) {
        return inTransaction(relay.em, em -> relay.markFailed(eventId, error));
    }

    private OutboxEntry row(String eventId) {
        return relayA.em.find(OutboxEntry.class, eventId);
    }

    @Test
    void aRowHeldOnWriteIsDueOnlyOnceItsHoldHasPassed() {
        write("e1", OutboxEntry.heldOnWrite(event("e1"), 1, 0, clock.instant(), Duration.ofSeconds(2)));
        assertEquals(List.of(), claimDue(relayB, 10));
        clock.advance(Duration.ofMillis(1999));
        assertEquals(List.of(), claimDue(relayB, 10));
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("e1"), claimDue(relayB, 10));
    }

    @Test
    void dueRowsAreClaimedOldestFirstAtMostABatchAtATime() {
        for (String id : List.of("e1", "e2", "e3")) {
            write(id, OutboxEntry.heldOnWrite(event(id), 1, 0, clock.instant(), Duration.ZERO));
            clock.advance(Duration.ofMillis(10));
        }
        assertEquals(List.of("e1", "e2"), claimDue(relayB, 2));
        assertEquals(List.of("e3"), claimDue(relayA, 2), "the other relay gets what is left, not B's claims");
        assertEquals(List.of(), claimDue(relayB, 2));
    }

    @Test
    void aLiveClaimIsLeftAloneAndAnExpiredOneIsTakenOver() {
        write("e1", claimedOnWriteByA("e1"));
        clock.advance(LEASE);
        assertEquals(List.of(), claimDue(relayB, 10), "A's claim lasts its whole lease");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("e1"), claimDue(relayB, 10), "taken over once expired");
        assertEquals(relayB.settings.owner(), row("e1").claimedBy());
    }

    @Test
    void aFailureReportedAfterATakeoverDoesNotReleaseTheNewOwnersClaim() {
        write("e1", claimedOnWriteByA("e1"));
        clock.advance(LEASE.plusSeconds(1));
        assertEquals(List.of("e1"), claimDue(relayB, 10));

        assertFalse(markFailed(relayA, "e1", "late timeout"));

        OutboxEntry row = row("e1");
        assertEquals(relayB.settings.owner(), row.claimedBy());
        assertEquals(0, row.attempts());
        assertNull(row.lastError());
    }

    @Test
    void aFailedSendIsReleasedAndDueAgainAfterItsBackoff() {
        write("e1", claimedOnWriteByA("e1"));
        assertTrue(markFailed(relayA, "e1", "broker down"));
        OutboxEntry row = row("e1");
        assertNull(row.claimedBy());
        assertEquals(1, row.attempts());
        assertEquals("broker down", row.lastError());

        clock.advance(Duration.ofMillis(499));
        assertEquals(List.of(), claimDue(relayB, 10));
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("e1"), claimDue(relayB, 10));

        assertTrue(markFailed(relayB, "e1", "broker down"));
        clock.advance(Duration.ofMillis(999));
        assertEquals(List.of(), claimDue(relayA, 10), "the second failure waits twice as long");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("e1"), claimDue(relayA, 10));
    }

    @Test
    void aSendNowWaitsForALiveClaimButNotForABackoff() {
        write("e1", claimedOnWriteByA("e1"));
        assertEquals(OutboxStore.Claim.Result.IN_FLIGHT, inTransaction(relayB.em, em -> relayB.claimNow("e1")).result());

        markFailed(relayA, "e1", "broker down");
        assertEquals(OutboxStore.Claim.Result.CLAIMED, inTransaction(relayB.em, em -> relayB.claimNow("e1")).result(),
                "an operator's send-now does not wait out the backoff");
        assertEquals(OutboxStore.Claim.Result.NOT_PENDING,
                inTransaction(relayB.em, em -> relayB.claimNow("nothing")).result());
    }

    @Test
    void aSentRowIsGone() {
        write("e1", claimedOnWriteByA("e1"));
        runInTransaction(relayA.em, em -> relayA.markSent(List.of("e1")));
        assertNull(row("e1"));
        clock.advance(LEASE.multipliedBy(2));
        assertEquals(List.of(), claimDue(relayB, 10));
    }
}
