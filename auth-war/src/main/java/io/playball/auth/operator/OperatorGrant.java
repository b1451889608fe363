package io.playball.auth.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The admin role, held by one account (by id, never by username: a name can be registered again by someone else).
 * Deleting the account deletes its grant (a foreign key with ON DELETE CASCADE).
 */
@Entity
@Table(name = "operator_grant")
@NamedQuery(name = "OperatorGrant.all", query = "SELECT g FROM OperatorGrant g ORDER BY g.grantedAt, g.accountId")
public class OperatorGrant {

    @Id
    @Column(name = "account_id", length = 36)
    private String accountId;

    @Column(name = "granted_at", nullable = false)
    private Instant grantedAt;

    protected OperatorGrant() {
    }

    OperatorGrant(String accountId, Instant grantedAt) {
        this.accountId = accountId;
        this.grantedAt = grantedAt;
    }

    public String accountId() {
        return accountId;
    }

    public Instant grantedAt() {
        return grantedAt;
    }
}
