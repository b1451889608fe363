package io.playball.auth.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of a user account as the outside world sees it.
 *
 * @param userVersion the account's version after the change; monotonic per user, so a consumer can drop stale events
 * @param displayName absent (null) on {@link UserEventType#UserDeleted}
 */
public record UserEvent(UUID eventId, UserEventType type, String userId, long userVersion, Instant occurredAt,
                        String displayName) {

    public UserEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        if (type != UserEventType.UserDeleted) {
            Objects.requireNonNull(displayName, "displayName");
        }
    }

    public static UserEvent registered(String userId, long version, String displayName, Instant at) {
        return new UserEvent(UUID.randomUUID(), UserEventType.UserRegistered, userId, version, at, displayName);
    }

    public static UserEvent updated(String userId, long version, String displayName, Instant at) {
        return new UserEvent(UUID.randomUUID(), UserEventType.UserUpdated, userId, version, at, displayName);
    }

    public static UserEvent deleted(String userId, long version, Instant at) {
        return new UserEvent(UUID.randomUUID(), UserEventType.UserDeleted, userId, version, at, null);
    }
}
