package io.playball.groups.event;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One change of a group as the outside world sees it, on {@code group-events}.
 *
 * @param groupVersion the group's version after the change (one more than its last for a deletion); every event of
 *                     one change carries it, so a consumer drops an event whose version is below the last it applied
 * @param name         the group's name: on {@link Type#GroupCreated} and {@link Type#GroupRenamed} only
 * @param userId       the member: on the member events only
 * @param role         the member's role ({@code ADMIN} or {@code PARTICIPANT}): on joining and on a role change
 */
public record GroupEvent(UUID eventId, Type type, String groupId, long groupVersion, Instant occurredAt,
                         String name, String userId, String role) {

    /** The constant names are the wire names. */
    public enum Type {
        GroupCreated,
        GroupRenamed,
        GroupDeleted,
        MemberJoined,
        MemberRoleChanged,
        MemberLeft
    }

    public GroupEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    public static GroupEvent created(String groupId, long version, String name, Instant at) {
        return new GroupEvent(UUID.randomUUID(), Type.GroupCreated, groupId, version, at,
                Objects.requireNonNull(name), null, null);
    }

    public static GroupEvent renamed(String groupId, long version, String name, Instant at) {
        return new GroupEvent(UUID.randomUUID(), Type.GroupRenamed, groupId, version, at,
                Objects.requireNonNull(name), null, null);
    }

    public static GroupEvent deleted(String groupId, long version, Instant at) {
        return new GroupEvent(UUID.randomUUID(), Type.GroupDeleted, groupId, version, at, null, null, null);
    }

    public static GroupEvent memberJoined(String groupId, long version, String userId, String role, Instant at) {
        return new GroupEvent(UUID.randomUUID(), Type.MemberJoined, groupId, version, at, null,
                Objects.requireNonNull(userId), Objects.requireNonNull(role));
    }

    public static GroupEvent memberRoleChanged(String groupId, long version, String userId, String role, Instant at) {
        return new GroupEvent(UUID.randomUUID(), Type.MemberRoleChanged, groupId, version, at, null,
                Objects.requireNonNull(userId), Objects.requireNonNull(role));
    }

    public static GroupEvent memberLeft(String groupId, long version, String userId, Instant at) {
        return new GroupEvent(UUID.randomUUID(), Type.MemberLeft, groupId, version, at, null,
                Objects.requireNonNull(userId), null);
    }
}
