package io.playball.groups.group;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A group; its version guards renames against lost updates. */
@Entity
@Table(name = "app_group")
public class Group {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "name", nullable = false, length = 100)
    private String name;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Group() {
    }

    Group(String id, String name, Instant now) {
        this.id = id;
        this.name = name;
        this.createdAt = now;
    }

    void rename(String newName) {
        this.name = newName;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public long version() {
        return version;
    }
}
