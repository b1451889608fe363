package io.playball.groups.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.UUID;

/** Writes a {@link GroupEvent} as the JSON of the {@code group-events} contract (docs/events.md), schema version 1. */
@ApplicationScoped
public class GroupEventCodec {

    public static final int SCHEMA_VERSION = 1;

    private final Jsonb jsonb = JsonbBuilder.create();

    public String encode(GroupEvent event) {
        return jsonb.toJson(Wire.of(event));
    }

    /** The wire shape; the fields an event type does not have (null) are left out, as JSON-B does by default. */
    @JsonbPropertyOrder({"eventId", "type", "schemaVersion", "groupId", "groupVersion", "occurredAt", "name", "userId",
            "role"})
    public record Wire(UUID eventId, String type, int schemaVersion, String groupId, long groupVersion,
                       Instant occurredAt, String name, String userId, String role) {

        static Wire of(GroupEvent e) {
            return new Wire(e.eventId(), e.type().name(), SCHEMA_VERSION, e.groupId(), e.groupVersion(),
                    e.occurredAt(), e.name(), e.userId(), e.role());
        }
    }
}
