package io.playball.auth.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.UUID;

/** Writes a {@link UserEvent} as the JSON of the {@code user-events} contract (docs/events.md), schema version 1. */
@ApplicationScoped
public class UserEventCodec {

    public static final int SCHEMA_VERSION = 1;

    private final Jsonb jsonb = JsonbBuilder.create();

    public String encode(UserEvent event) {
        return jsonb.toJson(Wire.of(event));
    }

    /** The wire shape; null {@code displayName} is left out, as JSON-B does by default. */
    @JsonbPropertyOrder({"eventId", "type", "schemaVersion", "userId", "userVersion", "occurredAt", "displayName"})
    public record Wire(UUID eventId, String type, int schemaVersion, String userId, long userVersion,
                       Instant occurredAt, String displayName) {

        static Wire of(UserEvent e) {
            return new Wire(e.eventId(), e.type().name(), SCHEMA_VERSION, e.userId(), e.userVersion(),
                    e.occurredAt(), e.displayName());
        }
    }
}
