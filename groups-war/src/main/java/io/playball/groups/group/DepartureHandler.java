package io.playball.groups.group;

import io.playball.groups.event.GroupEvent;
import io.playball.groups.outbox.GroupEventOutbox;
import io.playball.groups.userview.UserDeparted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A deleted user leaves every group, in the transaction that applies the deletion. A group left without an admin
 * makes its longest-standing member admin; a group left with nobody is deleted. Each group's row is locked (and its
 * version bumped) before it is changed, in the order of the groups' ids, as every change to a group does. Each group's
 * events (the member left; a new admin, or the group deleted) carry its version after the change.
 */
@ApplicationScoped
public class DepartureHandler {

    @PersistenceContext(unitName = "groups")
    EntityManager em;

    @Inject
    GroupService groups;

    @Inject
    GroupEventOutbox events;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    void onDeparture(@Observes UserDeparted departure) {
        List<String> groupIds = em.createQuery(
                        "SELECT m.groupId FROM Membership m WHERE m.userId = :u ORDER BY m.groupId", String.class)
                .setParameter("u", departure.userId()).getResultList();
        for (String groupId : groupIds) {
            em.find(Group.class, groupId, LockModeType.PESSIMISTIC_WRITE);
        }
        // read again under the locks: a membership added meanwhile is seen, one removed meanwhile is not; only the
        // groups the user still leaves get a new version, so that no version goes without its events
        List<Membership> left = em.createQuery("SELECT m FROM Membership m WHERE m.userId = :u", Membership.class)
                .setParameter("u", departure.userId()).getResultList();
        for (Membership membership : left) {
            em.lock(em.find(Group.class, membership.groupId()), LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        }
        groups.bumpVersionNow();
        for (Membership membership : left) {
            em.remove(membership);
        }
        em.flush();
        for (Membership membership : left) {
            String groupId = membership.groupId();
            long version = em.find(Group.class, groupId).version();
            Instant now = clock.instant();
            events.append(GroupEvent.memberLeft(groupId, version, departure.userId(), now));
            List<Membership> remaining = em.createQuery(
                            "SELECT m FROM Membership m WHERE m.groupId = :g", Membership.class)
                    .setParameter("g", groupId).getResultList();
            if (remaining.isEmpty()) {
                groups.deleteGroup(groupId);
                events.append(GroupEvent.deleted(groupId, version, now));
            } else if (remaining.stream().noneMatch(Membership::isAdmin)) {
                remaining.stream()
                        .min(Comparator.comparing(Membership::joinedAt).thenComparing(Membership::userId))
                        .ifPresent(successor -> {
                            successor.promote();
                            events.append(GroupEvent.memberRoleChanged(groupId, version, successor.userId(),
                                    Role.ADMIN.name(), now));
                        });
            }
        }
    }
}
