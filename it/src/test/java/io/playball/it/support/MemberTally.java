package io.playball.it.support;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the test consumer knows of one group from {@code group-events}: how many members it has, and if it is gone. */
@Entity
@Table(name = "member_tally")
public class MemberTally {

    @Id
    @Column(name = "group_id", length = 36)
    private String groupId;

    @Column(name = "members", nullable = false)
    private int members;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "group_version", nullable = false)
    private long groupVersion;

    protected MemberTally() {
    }

    MemberTally(String groupId, long groupVersion) {
        this.groupId = groupId;
        this.groupVersion = groupVersion;
    }

    public String groupId() {
        return groupId;
    }

    public int members() {
        return members;
    }

    public boolean deleted() {
        return deleted;
    }

    void joined(long version) {
        members++;
        groupVersion = version;
    }

    void left(long version) {
        members--;
        groupVersion = version;
    }

    void deleted(long version) {
        deleted = true;
        groupVersion = version;
    }

    void changed(long version) {
        groupVersion = version;
    }

    @Override
    public String toString() {
        return groupId + ": " + members + " members" + (deleted ? ", deleted" : "") + " at version " + groupVersion;
    }
}
