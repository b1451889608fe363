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
    void thePayloadLimitIsAMebibyteWhenTheProducerTakesTheRecord() {
        OutboxSettings settings = new OutboxSettings();
        settings.maxRequestSize = 1_114_112;  // as the services' channels set it
        assertEquals(1_048_576, settings.payloadLimit());
    }

    @Test
    void aProducerWithKafkasDefaultRequestSizeLowersThePayloadLimitBelowItsRequests() {
        OutboxSettings settings = new OutboxSettings();  // max.request.size unset: Kafka's 1,048,576
        assertEquals(1_048_576 - 16_384, settings.payloadLimit(), "room for the key and headers");
    }

    @Test
    void aSmallerSettingIsTheLimit() {
        OutboxSettings settings = new OutboxSettings();
        settings.payloadMaxBytes = 65_536;
        assertEquals(65_536, settings.payloadLimit());
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
