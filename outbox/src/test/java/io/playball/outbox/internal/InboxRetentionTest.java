package io.playball.outbox.internal;

import io.playball.outbox.Inbox;
import static io.playball.platform.persistence.TestDatabase.inTransaction;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.platform.persistence.TestDatabase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The inbox and its retention on the library's changelog and queries, with a clock the test moves instead of waiting
 * days.
 */
class InboxRetentionTest {

    private static final TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml");

    private final MovingClock clock = new MovingClock();
    private final EntityManager em = db.entityManager();
    private final Inbox inbox = new Inbox(em, clock) {
        @Override
        public int purgeBatch(Instant cutoff, int max) {
            // its own transaction, as on the server
            return inTransaction(InboxRetentionTest.this.em, e -> super.purgeBatch(cutoff, max));
        }
    };
    private final InboxRetention retention = new InboxRetention();

    InboxRetentionTest() {
        retention.inbox = inbox;
        retention.clock = clock;
        retention.retention = Duration.ofDays(7);
        retention.batchSize = 2;
    }

    @BeforeEach
    void emptyInbox() {
        runInTransaction(em, e -> e.createQuery("DELETE FROM InboxEntry i").executeUpdate());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private List<String> receive(int events) {
        List<String> ids = Stream.generate(UUID::randomUUID).limit(events).map(UUID::toString).toList();
        runInTransaction(em, e -> ids.forEach(id -> inbox.record(id, "Changed", "k1", 1)));
        return ids;
    }

    private Set<String> kept() {
        return inTransaction(em, e -> e.createQuery("SELECT i.eventId FROM InboxEntry i", String.class)
                .getResultStream().collect(Collectors.toSet()));
    }

    @Test
    void rowsOlderThanTheRetentionAreDeletedInBatchesAndNewerOnesKept() {
        receive(5);
        clock.advance(Duration.ofDays(3));
        List<String> newer = receive(2);
        clock.advance(Duration.ofDays(4).plusMillis(1));

        retention.purgeExpired();

        assertEquals(Set.copyOf(newer), kept());
    }

    @Test
    void aRowExactlyAsOldAsTheRetentionIsKept() {
        List<String> ids = receive(1);
        clock.advance(Duration.ofDays(7));
        assertEquals(0, retention.purgeOlderThan(Duration.ofDays(7)));
        assertEquals(Set.copyOf(ids), kept());

        clock.advance(Duration.ofMillis(1));
        assertEquals(1, retention.purgeOlderThan(Duration.ofDays(7)));
        assertEquals(Set.of(), kept());
    }

    @Test
    void aRecordedEventIsKnownAsConsumedAndCountedForItsAggregate() {
        List<String> ids = receive(2);
        String unseen = UUID.randomUUID().toString();
        List<String> asked = List.of(ids.get(0), unseen, ids.get(1));
        assertEquals(Set.copyOf(ids), inTransaction(em, e -> inbox.consumedAmong(asked)));
        assertEquals(2, inbox.countFor("k1"));
        assertEquals(0, inbox.countFor("k2"));
    }

    @Test
    void nothingToPurgeIsNoWork() {
        assertEquals(0, retention.purgeOlderThan(Duration.ofDays(7)));
    }
}
