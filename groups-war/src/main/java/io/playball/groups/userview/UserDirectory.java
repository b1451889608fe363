package io.playball.groups.userview;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
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

    /** The user's entry, tombstone included. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<UserView> find(String userId) {
        return Optional.ofNullable(em.find(UserView.class, userId));
    }
}
