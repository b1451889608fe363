package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutboxSettingsTest {

    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void aShortHostNameIsKeptWhole() {
        assertEquals("42@db-1/" + ID, OutboxSettings.ownerName("42@db-1", ID));
    }

    @Test
    void aLongHostNameIsCutSoThatTheOwnerFitsItsColumn() {
        String owner = OutboxSettings.ownerName("42@" + "h".repeat(300), ID);
        assertTrue(owner.length() <= 255, owner.length() + " characters");
        assertTrue(owner.endsWith("/" + ID), "the unique part is kept: " + owner);
    }

    @Test
    void theTableIsANameOrASchemaAndAName() {
        assertEquals("outbox_event", OutboxSettings.tableName("outbox_event"));
        assertEquals("auth.outbox_event", OutboxSettings.tableName("auth.outbox_event"));
    }

    @Test
    void aTableNameCannotCarrySql() {
        for (String bad : new String[] {"outbox_event; DROP TABLE account", "outbox event", "", "1outbox", "a.b.c"}) {
            assertThrows(IllegalArgumentException.class, () -> OutboxSettings.tableName(bad), bad);
        }
    }
}
