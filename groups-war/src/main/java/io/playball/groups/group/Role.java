package io.playball.groups.group;

/** A member's role in a group. Admins rename, delete, and add or remove members. */
public enum Role {
    ADMIN,
    PARTICIPANT
}
