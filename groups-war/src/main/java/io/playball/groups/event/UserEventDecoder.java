package io.playball.groups.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Reads the {@code user-events} contract (schema version 1) and says exactly why a record cannot be read. Unknown
 * fields are ignored; an unknown type or a newer schema version is refused, to be parked rather than dropped.
 */
@ApplicationScoped
public class UserEventDecoder {

    public static final int SUPPORTED_SCHEMA_VERSION = 1;
    static final int MAX_USER_ID_LENGTH = 36;
    static final int MAX_DISPLAY_NAME_LENGTH = 100;

    /**
     * Looked up once: {@code Json.createReader} looks the provider up on every call, through a class lookup that
     * fails and throws, which was most of the decoding's CPU in a profile of the consumer.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    public UserEvent decode(String json) throws UnreadableEventException {
        if (json == null || json.isBlank()) {
            throw new UnreadableEventException("empty record");
        }
        JsonObject o;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new UnreadableEventException("not a JSON object");
            }
            o = value.asJsonObject();
        } catch (JsonException e) {
            throw new UnreadableEventException("not JSON: " + e.getMessage());
        }

        long schemaVersion = number(o, "schemaVersion");
        if (schemaVersion > SUPPORTED_SCHEMA_VERSION) {
            throw new UnreadableEventException("schemaVersion " + schemaVersion + " is newer than the supported "
                    + SUPPORTED_SCHEMA_VERSION);
        }
        if (schemaVersion < 1) {
            throw new UnreadableEventException("schemaVersion " + schemaVersion + " is not valid");
        }
        UserEvent.Type type = type(string(o, "type"));
        UUID eventId = uuid(string(o, "eventId"));
        String userId = string(o, "userId");
        if (userId.isBlank() || userId.length() > MAX_USER_ID_LENGTH) {
            throw new UnreadableEventException("userId must be 1-" + MAX_USER_ID_LENGTH + " characters");
        }
        long userVersion = number(o, "userVersion");
        if (userVersion < 1) {
            throw new UnreadableEventException("userVersion must be positive");
        }
        Instant occurredAt = instant(string(o, "occurredAt"));
        String displayName = null;
        if (type != UserEvent.Type.UserDeleted) {
            displayName = string(o, "displayName").strip();
            if (displayName.isEmpty() || displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
                throw new UnreadableEventException("displayName must be 1-" + MAX_DISPLAY_NAME_LENGTH + " characters");
            }
        }
        return new UserEvent(eventId, type, userId, userVersion, occurredAt, displayName);
    }

    private static String string(JsonObject o, String field) throws UnreadableEventException {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            throw new UnreadableEventException("missing field " + field);
        }
        if (v.getValueType() != JsonValue.ValueType.STRING) {
            throw new UnreadableEventException("field " + field + " is not a string");
        }
        return ((JsonString) v).getString();
    }

    private static long number(JsonObject o, String field) throws UnreadableEventException {
        JsonValue v = o.get(field);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            throw new UnreadableEventException("missing field " + field);
        }
        if (v.getValueType() != JsonValue.ValueType.NUMBER || !((JsonNumber) v).isIntegral()) {
            throw new UnreadableEventException("field " + field + " is not an integer");
        }
        try {
            return ((JsonNumber) v).longValueExact();
        } catch (ArithmeticException e) {
            throw new UnreadableEventException("field " + field + " is out of range");
        }
    }

    private static UserEvent.Type type(String name) throws UnreadableEventException {
        try {
            return UserEvent.Type.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("unknown type " + name);
        }
    }

    private static UUID uuid(String text) throws UnreadableEventException {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("eventId is not a UUID");
        }
    }

    private static Instant instant(String text) throws UnreadableEventException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UnreadableEventException("occurredAt is not an ISO-8601 instant");
        }
    }
}
