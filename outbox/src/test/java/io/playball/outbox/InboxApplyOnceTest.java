package io.playball.outbox;

import static io.playball.platform.persistence.TestDatabase.inTransaction;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.playball.outbox.internal.MovingClock;
import io.playball.platform.persistence.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Inbox#applyOnce} on the library's changelog, outside a container as a plain consumer uses it: the handler
 * sees each event id once, whatever the batches repeat, and a failed batch consumes nothing.
 */
class InboxApplyOnceTest {

    private static final TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml");

    private final Inbox inbox = new Inbox(db.entityManager(), new MovingClock());
    private final List<String> handled = new ArrayList<>();

    /** An event of some consumer: the library knows it only through the key it is given. */
    private record Changed(String id, String aggregate, long version) {
    }

    @BeforeEach
    void emptyInbox() {
        runInTransaction(inbox.em, em -> em.createQuery("DELETE FROM InboxEntry i").executeUpdate());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private List<String> apply(List<Changed> batch) {
        return inTransaction(inbox.em, em -> inbox.applyOnce(batch,
                e -> new Inbox.Key(e.id(), "Changed", e.aggregate(), e.version()),
                e -> {
                    handled.add(e.id());
                    return e.version() % 2 == 0 ? "APPLIED" : "STALE";
                }, "DUPLICATE"));
    }

    private static Changed changed(String aggregate, long version) {
        return new Changed(UUID.randomUUID().toString(), aggregate, version);
    }

    @Test
    void eachEventIdIsHandedToTheHandlerOnceAcrossAndWithinBatches() {
        Changed a = changed("g1", 2);
        Changed b = changed("g1", 3);
        Changed c = changed("g2", 4);

        assertEquals(List.of("APPLIED", "STALE", "DUPLICATE"), apply(List.of(a, b, a)));
        assertEquals(List.of("DUPLICATE", "APPLIED", "DUPLICATE"), apply(List.of(b, c, a)));

        assertEquals(List.of(a.id(), b.id(), c.id()), handled);
        assertEquals(2, inbox.countFor("g1"));
        assertEquals(1, inbox.countFor("g2"));
    }

    @Test
    void theRowKeepsTheHandlersOutcomeAndTheEventsKey() {
        Changed a = changed("g3", 6);
        Changed b = changed("g3", 7);
        apply(List.of(a, b));

        Map<Object, String> rows = inTransaction(inbox.em, em -> em.createQuery(
                        "SELECT i.eventId, i.eventType, i.aggregateVersion, i.outcome FROM InboxEntry i"
                                + " WHERE i.aggregateId = 'g3'", Object[].class)
                .getResultStream()
                .collect(Collectors.toMap(r -> r[0], r -> r[1] + "/" + r[2] + "/" + r[3])));
        assertEquals(Map.of(a.id(), "Changed/6/APPLIED", b.id(), "Changed/7/STALE"), rows);
    }

    @Test
    void aHandlerThatFailsLeavesTheWholeBatchUnconsumed() {
        Changed a = changed("g4", 2);
        Changed poison = changed("g4", 3);
        assertThrows(IllegalStateException.class, () -> inTransaction(inbox.em, em -> inbox.applyOnce(
                List.of(a, poison),
                e -> new Inbox.Key(e.id(), "Changed", e.aggregate(), e.version()),
                e -> {
                    if (e == poison) {
                        throw new IllegalStateException("cannot apply");
                    }
                    return "APPLIED";
                }, "DUPLICATE")));

        assertEquals(0, inbox.countFor("g4"));
        assertEquals(List.of("APPLIED"), apply(List.of(a)));
    }

    @Test
    void anEmptyBatchIsNoWork() {
        assertEquals(List.of(), apply(List.of()));
    }
}
