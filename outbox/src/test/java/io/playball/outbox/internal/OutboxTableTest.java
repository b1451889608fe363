package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.outbox.OutboxTable;
import io.playball.outbox.PendingEvent;
import io.playball.platform.persistence.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One setting names the outbox table: the changelog creates it under that name and the entity is mapped to it. */
class OutboxTableTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @AfterEach
    void unset() {
        System.clearProperty(OutboxTable.SETTING);
    }

    @Test
    void withoutTheSettingTheTableIsOutboxEvent() {
        assertEquals("outbox_event", OutboxTable.name());
        assertEquals(Map.of("outbox.table", "outbox_event"), OutboxTable.changelogParameters());
    }

    @Test
    void theChangelogAndTheMappingBothUseTheTableTheSettingNames() {
        System.setProperty(OutboxTable.SETTING, "orders_outbox");
        try (TestDatabase db = new TestDatabase("outbox-test", "db/outbox-test-changelog.xml",
                OutboxTable.changelogParameters())) {
            TestDatabase.runInTransaction(db.entityManager(), em -> em.persist(OutboxEntry.claimedOnWrite(
                    new PendingEvent("e1", "Created", "k1", NOW, "{}", null, null, null, false, 0), 1, 0, NOW, "me",
                    Duration.ofMinutes(1))));
            TestDatabase.runInTransaction(db.entityManager(), em -> {
                assertEquals(1L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM orders_outbox")
                        .getSingleResult()).longValue(), "the row is in the table the setting names");
                assertEquals(0L, ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sys.systables"
                        + " WHERE tablename = 'OUTBOX_EVENT'").getSingleResult()).longValue(),
                        "no table under the default name");
                assertEquals(1L, em.createNamedQuery("OutboxEntry.count", Long.class).getSingleResult());
            });
        }
    }

    @Test
    void aNameThatIsNotAPlainIdentifierIsRefused() {
        System.setProperty(OutboxTable.SETTING, "outbox; DROP TABLE account");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, OutboxTable::name);
        assertTrue(refused.getMessage().contains(OutboxTable.SETTING), refused.getMessage());
    }
}
