package io.playball.groups.event;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Groups' side of the group-events contract (docs/events.md): each type's fields, in order, schema version 1. */
class GroupEventCodecTest {

    private static final UUID ID = UUID.fromString("7b0e8d1e-1f7a-4c55-9a53-3c1f0f2a9b10");
    private static final String COMMON = "{\"eventId\":\"" + ID + "\",\"type\":\"%s\",\"schemaVersion\":1,"
            + "\"groupId\":\"g-1\",\"groupVersion\":%d,\"occurredAt\":\"2026-12-01T10:15:30.123456Z\"%s}";

    private final GroupEventCodec codec = new GroupEventCodec();
    private final Instant at = Instant.parse("2026-12-01T10:15:30.123456Z");

    @Test
    void eachTypeCarriesItsFieldsAndNoOthers() {
        assertEquals(expected("GroupCreated", 1, ",\"name\":\"Tennis\""),
                codec.encode(withId(GroupEvent.created("g-1", 1, "Tennis", at))));
        assertEquals(expected("GroupRenamed", 2, ",\"name\":\"Padel\""),
                codec.encode(withId(GroupEvent.renamed("g-1", 2, "Padel", at))));
        assertEquals(expected("MemberJoined", 3, ",\"userId\":\"u-2\",\"role\":\"PARTICIPANT\""),
                codec.encode(withId(GroupEvent.memberJoined("g-1", 3, "u-2", "PARTICIPANT", at))));
        assertEquals(expected("MemberRoleChanged", 4, ",\"userId\":\"u-2\",\"role\":\"ADMIN\""),
                codec.encode(withId(GroupEvent.memberRoleChanged("g-1", 4, "u-2", "ADMIN", at))));
        assertEquals(expected("MemberLeft", 5, ",\"userId\":\"u-2\""),
                codec.encode(withId(GroupEvent.memberLeft("g-1", 5, "u-2", at))));
        assertEquals(expected("GroupDeleted", 6, ""),
                codec.encode(withId(GroupEvent.deleted("g-1", 6, at))));
    }

    @Test
    void theWireNamesAreTheTypeNames() {
        JsonObject o = parse(codec.encode(GroupEvent.created("g-1", 1, "Tennis", at)));
        assertEquals(List.of("eventId", "type", "schemaVersion", "groupId", "groupVersion", "occurredAt", "name"),
                List.copyOf(o.keySet()));
        assertEquals(36, o.getString("eventId").length());
    }

    private static String expected(String type, long version, String rest) {
        return COMMON.formatted(type, version, rest);
    }

    private static GroupEvent withId(GroupEvent e) {
        return new GroupEvent(ID, e.type(), e.groupId(), e.groupVersion(), e.occurredAt(), e.name(), e.userId(),
                e.role());
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
