package io.playball.groups.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Groups' side of the event contract. The first test reads a record exactly as auth writes it (the shape auth's
 * UserEventCodecTest pins); the end-to-end proof is the integration suite, where auth's records are applied here.
 */
class UserEventDecoderTest {

    private final UserEventDecoder decoder = new UserEventDecoder();

    @Test
    void readsWhatAuthWrites() throws Exception {
        String asAuthWritesIt = "{\"eventId\":\"5f0c8a7e-2b1d-4c3e-9f00-0123456789ab\",\"type\":\"UserRegistered\","
                + "\"schemaVersion\":1,\"userId\":\"4eddf9fe-a096-49b2-9bb7-f132f3115920\",\"userVersion\":1,"
                + "\"occurredAt\":\"2026-11-27T23:59:01.123456Z\",\"displayName\":\"Ada Lovelace\"}";
        UserEvent e = decoder.decode(asAuthWritesIt);
        assertEquals(UUID.fromString("5f0c8a7e-2b1d-4c3e-9f00-0123456789ab"), e.eventId());
        assertEquals(UserEvent.Type.UserRegistered, e.type());
        assertEquals("4eddf9fe-a096-49b2-9bb7-f132f3115920", e.userId());
        assertEquals(1, e.userVersion());
        assertEquals(Instant.parse("2026-11-27T23:59:01.123456Z"), e.occurredAt());
        assertEquals("Ada Lovelace", e.displayName());
    }

    @Test
    void aDeletionHasNoDisplayNameAndUnknownFieldsAreIgnored() throws Exception {
        UserEvent e = decoder.decode("{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"UserDeleted\","
                + "\"schemaVersion\":1,\"userId\":\"u1\",\"userVersion\":3,\"occurredAt\":\"2026-11-27T10:00:00Z\","
                + "\"somethingNew\":{\"x\":1}}");
        assertEquals(UserEvent.Type.UserDeleted, e.type());
        assertNull(e.displayName());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not json|{oops|not JSON",
        "an array|[1]|not a JSON object",
        "empty|'  '|empty record",
        "no eventId|{\"type\":\"UserUpdated\",\"schemaVersion\":1,\"userId\":\"u\",\"userVersion\":1,\"occurredAt\":\"2026-11-27T10:00:00Z\",\"displayName\":\"A\"}|missing field eventId",
        "bad eventId|{\"eventId\":\"nope\",\"type\":\"UserUpdated\",\"schemaVersion\":1,\"userId\":\"u\",\"userVersion\":1,\"occurredAt\":\"2026-11-27T10:00:00Z\",\"displayName\":\"A\"}|not a UUID",
        "unknown type|{\"eventId\":\"5f0c8a7e-2b1d-4c3e-9f00-0123456789ab\",\"type\":\"UserMoved\",\"schemaVersion\":1,\"userId\":\"u\",\"userVersion\":1,\"occurredAt\":\"2026-11-27T10:00:00Z\"}|unknown type UserMoved",
        "newer schema|{\"eventId\":\"5f0c8a7e-2b1d-4c3e-9f00-0123456789ab\",\"type\":\"UserUpdated\",\"schemaVersion\":2,\"userId\":\"u\",\"userVersion\":1,\"occurredAt\":\"2026-11-27T10:00:00Z\",\"displayName\":\"A\"}|newer than the supported",
        "version as text|{\"eventId\":\"5f0c8a7e-2b1d-4c3e-9f00-0123456789ab\",\"type\":\"UserUpdated\",\"schemaVersion\":1,\"userId\":\"u\",\"userVersion\":\"1\",\"occurredAt\":\"2026-11-27T10:00:00Z\",\"displayName\":\"A\"}|userVersion is not an integer",
        "no display name|{\"eventId\":\"5f0c8a7e-2b1d-4c3e-9f00-0123456789ab\",\"type\":\"UserUpdated\",\"schemaVersion\":1,\"userId\":\"u\",\"userVersion\":1,\"occurredAt\":\"2026-11-27T10:00:00Z\"}|missing field displayName",
        "bad instant|{\"eventId\":\"5f0c8a7e-2b1d-4c3e-9f00-0123456789ab\",\"type\":\"UserUpdated\",\"schemaVersion\":1,\"userId\":\"u\",\"userVersion\":1,\"occurredAt\":\"yesterday\",\"displayName\":\"A\"}|occurredAt",
        "zero version|{\"eventId\":\"5f0c8a7e-2b1d-4c3e-9f00-0123456789ab\",\"type\":\"UserUpdated\",\"schemaVersion\":1,\"userId\":\"u\",\"userVersion\":0,\"occurredAt\":\"2026-11-27T10:00:00Z\",\"displayName\":\"A\"}|must be positive"
    })
    void unreadableRecordsSayWhy(String name, String json, String reason) {
        UnreadableEventException e = assertThrows(UnreadableEventException.class, () -> decoder.decode(json));
        assertTrue(e.getMessage().contains(reason), name + ": " + e.getMessage());
    }
}
