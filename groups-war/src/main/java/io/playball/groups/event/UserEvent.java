package io.playball.groups.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A user event as groups reads it from {@code user-events} (tolerant reader: unknown fields are ignored).
 *
 * @param displayName null for {@link Type#UserDeleted}
 */
public record UserEvent(UUID eventId, Type type, String userId, long userVersion, Instant occurredAt,
                        String displayName) {

    /** The types this consumer knows; the constant names are the wire names. */
    public enum Type {
        UserRegistered,
        UserUpdated,
        UserDeleted
    }
}
