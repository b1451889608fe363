package io.playball.groups.group;

import io.playball.groups.userview.UserDeparted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Comparator;
import java.util.List;

/**
 * A deleted user leaves every group, in the transaction that applies the deletion. A group left without an admin
 * makes its longest-standing member admin; a group left with nobody is deleted. Each group's row is locked (and its
 * version bumped) before it is changed, in the order of the groups' ids, as every change to a group does.
 */
@ApplicationScoped
public class DepartureHandler {

    @PersistenceContext(unitName = "groups")
    EntityManager em;

    @Inject
    GroupService groups;

    @Transactional(Transactional.TxType.MANDATORY)
    void onDeparture(@Observes UserDeparted departure) {
        List<String> groupIds = em.createQuery(
                        "SELECT m.groupId FROM Membership m WHERE m.userId = :u ORDER BY m.groupId", String.class)
                .setParameter("u", departure.userId()).getResultList();
        for (String groupId : groupIds) {
            em.find(Group.class, groupId, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        }
        groups.bumpVersionNow();
        // read again under the locks: a membership added meanwhile is seen, one removed meanwhile is not
        List<Membership> left = em.createQuery("SELECT m FROM Membership m WHERE m.userId = :u", Membership.class)
                .setParameter("u", departure.userId()).getResultList();
        for (Membership membership : left) {
            em.remove(membership);
        }
        em.flush();
        for (Membership membership : left) {
            List<Membership> remaining = em.createQuery(
                            "SELECT m FROM Membership m WHERE m.groupId = :g", Membership.class)
                    .setParameter("g", membership.groupId()).getResultList();
            if (remaining.isEmpty()) {
                groups.deleteGroup(membership.groupId());
            } else if (remaining.stream().noneMatch(Membership::isAdmin)) {
                remaining.stream()
                        .min(Comparator.comparing(Membership::joinedAt).thenComparing(Membership::userId))
                        .ifPresent(Membership::promote);
            }
        }
    }
}
