package io.playball.groups.userview;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * What groups knows of a user, maintained from events only. A deleted user stays as a tombstone with its last
 * version, so that a late update cannot bring it back.
 */
@Entity
@Table(name = "user_view")
public class UserView {

    @Id
    @Column(name = "user_id", length = 36)
    private String userId;

    @Column(name = "display_name", length = 100)
    private String displayName;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "deleted", nullable = false)
    private boolean deleted;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UserView() {
    }

    static UserView of(String userId, String displayName, long version, boolean deleted, Instant now) {
        UserView v = new UserView();
        v.userId = userId;
        v.displayName = displayName;
        v.version = version;
        v.deleted = deleted;
        v.updatedAt = now;
        return v;
    }

    /** @return whether an event of {@code eventVersion} may change this view */
    boolean acceptsVersion(long eventVersion) {
        return !deleted && eventVersion > version;
    }

    void rename(String newDisplayName, long newVersion, Instant now) {
        displayName = newDisplayName;
        version = newVersion;
        updatedAt = now;
    }

    void delete(long newVersion, Instant now) {
        deleted = true;
        displayName = null;
        version = newVersion;
        updatedAt = now;
    }

    public String userId() {
        return userId;
    }

    public String displayName() {
        return displayName;
    }

    public long version() {
        return version;
    }

    public boolean deleted() {
        return deleted;
    }
}
