package io.playball.groups.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A user's place in a group. {@code joinedAt} decides who is promoted when a group loses its last admin. */
@Entity
@Table(name = "group_member")
public class Membership {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "group_id", nullable = false, length = 36)
    private String groupId;

    @Column(name = "user_id", nullable = false, length = 36)
    private String userId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", nullable = false, length = 16)
    private Role role;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    protected Membership() {
    }

    Membership(String groupId, String userId, Role role, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.groupId = groupId;
        this.userId = userId;
        this.role = role;
        this.joinedAt = now;
    }

    void promote() {
        role = Role.ADMIN;
    }

    void demote() {
        role = Role.PARTICIPANT;
    }

    public String groupId() {
        return groupId;
    }

    public String userId() {
        return userId;
    }

    public Role role() {
        return role;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
