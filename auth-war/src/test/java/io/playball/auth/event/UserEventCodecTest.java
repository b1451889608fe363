package io.playball.auth.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Auth's side of the event contract (docs/events.md): field names, types and order, schema version 1. */
class UserEventCodecTest {

    private final UserEventCodec codec = new UserEventCodec();
    private final Instant at = Instant.parse("2026-11-27T10:15:30.123456Z");

    @Test
    void registeredCarriesEveryContractFieldInOrder() {
        UserEvent event = UserEvent.registered("user-1", 1, "Ada", at);
        String json = codec.encode(event);

        JsonObject o = parse(json);
        assertEquals(List.of("eventId", "type", "schemaVersion", "userId", "userVersion", "occurredAt", "displayName"),
                List.copyOf(o.keySet()));
        assertEquals(event.eventId().toString(), o.getString("eventId"));
        assertEquals("UserRegistered", o.getString("type"));
        assertEquals(1, o.getInt("schemaVersion"));
        assertEquals("user-1", o.getString("userId"));
        assertEquals(1, o.getJsonNumber("userVersion").longValue());
        assertEquals(at, Instant.parse(o.getString("occurredAt")));
        assertEquals("Ada", o.getString("displayName"));
    }

    @Test
    void deletedHasNoDisplayName() {
        JsonObject o = parse(codec.encode(UserEvent.deleted("user-1", 3, at)));
        assertEquals("UserDeleted", o.getString("type"));
        assertEquals(3, o.getJsonNumber("userVersion").longValue());
        assertFalse(o.containsKey("displayName"));
    }

    @Test
    void everyEventGetsItsOwnId() {
        assertFalse(UserEvent.updated("u", 2, "A", at).eventId().equals(UserEvent.updated("u", 2, "A", at).eventId()));
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
