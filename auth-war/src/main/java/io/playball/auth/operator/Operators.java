package io.playball.auth.operator;

import io.playball.auth.account.Account;
import io.playball.auth.account.AccountNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Who holds the admin role. Granted and revoked only by the server's administrator ({@link OperatorAdministration}). */
@ApplicationScoped
public class Operators {

    @PersistenceContext(unitName = "auth")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.SUPPORTS)
    public boolean isOperator(String accountId) {
        return em.find(OperatorGrant.class, accountId) != null;
    }

    /**
     * @return false if the account held the role already
     * @throws AccountNotFoundException if there is no such account
     */
    @Transactional
    public boolean grant(String accountId) {
        if (em.find(Account.class, accountId) == null) {
            throw new AccountNotFoundException();
        }
        if (em.find(OperatorGrant.class, accountId) != null) {
            return false;
        }
        em.persist(new OperatorGrant(accountId, clock.instant()));
        return true;
    }

    /** @return false if the account did not hold the role */
    @Transactional
    public boolean revoke(String accountId) {
        OperatorGrant grant = em.find(OperatorGrant.class, accountId);
        if (grant == null) {
            return false;
        }
        em.remove(grant);
        return true;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<OperatorGrant> all() {
        return em.createNamedQuery("OperatorGrant.all", OperatorGrant.class).getResultList();
    }
}
