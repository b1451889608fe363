package io.playball.auth.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A user account. Its version is the optimistic lock and, after each change, the {@code userVersion} of the event. */
@Entity
@Table(name = "account")
@NamedQuery(name = "Account.byUsername", query = "SELECT a FROM Account a WHERE a.username = :username")
// a re-emit moves the version past a value it is given; conditional on the version read, like the optimistic lock
// The version check and the version's increment in one statement: a rename needs no read first. An unchanged name
// matches no row, as a stale version does.
@NamedQuery(name = "Account.rename",
        query = "UPDATE Account a SET a.displayName = :displayName, a.updatedAt = :now, a.version = a.version + 1"
                + " WHERE a.id = :id AND a.version = :version AND a.displayName <> :displayName")
@NamedQuery(name = "Account.moveVersion",
        query = "UPDATE Account a SET a.version = :next WHERE a.id = :id AND a.version = :current")
// the version named, so that EclipseLink leaves it as it is instead of incrementing it
@NamedQuery(name = "Account.replacePasswordHash",
        query = "UPDATE Account a SET a.passwordHash = :newHash, a.version = a.version"
                + " WHERE a.id = :id AND a.passwordHash = :oldHash")
public class Account {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "username", nullable = false, unique = true, length = 254)
    private String username;

    @Column(name = "display_name", nullable = false, length = 100)
    private String displayName;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    static Account register(String id, String username, String displayName, String passwordHash, Instant now) {
        Account a = new Account();
        a.id = id;
        a.username = username;
        a.displayName = displayName;
        a.passwordHash = passwordHash;
        a.createdAt = now;
        a.updatedAt = now;
        return a;
    }

    public String id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    public long version() {
        return version;
    }
}
