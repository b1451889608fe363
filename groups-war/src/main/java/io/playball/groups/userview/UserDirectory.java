package io.playball.groups.userview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Read access to the user view for the rest of the service. */
@ApplicationScoped
public class UserDirectory {

    @PersistenceContext(unitName = "groups")
    EntityManager em;

    /** The user if the view knows them and they are not deleted. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserView> active(String userId) {
        return Optional.ofNullable(em.find(UserView.class, userId)).filter(v -> !v.deleted());
    }

    /**
     * The user if the view knows them and they are not deleted, holding their view row until the transaction ends:
     * a deletion being applied meanwhile waits for it, or is waited for and then seen.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UserView> activeLocked(String userId) {
        return Optional.ofNullable(em.find(UserView.class, userId, LockModeType.PESSIMISTIC_WRITE))
                .filter(v -> !v.deleted());
    }

    /** The user's entry, tombstone included. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserView> find(String userId) {
        return Optional.ofNullable(em.find(UserView.class, userId));
    }
}
