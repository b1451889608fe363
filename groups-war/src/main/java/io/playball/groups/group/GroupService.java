package io.playball.groups.group;

import io.playball.groups.event.GroupEvent;
import io.playball.groups.outbox.GroupEventOutbox;
import io.playball.groups.persistence.DatabaseBusyException;
import io.playball.groups.persistence.RetriedOnConflict;
import io.playball.groups.userview.UserDirectory;
import io.playball.groups.userview.UserView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Groups and their members. Every operation is on behalf of a caller (the token's subject): only members see a group,
 * only admins change it. A change locks the group's row before it checks anything, and bumps the group's version:
 * the rules (at least one admin while members remain, no empty group) are checked and kept by one change at a time.
 * A change that names another user also locks that user's view row, so that it and the user's deletion happen one
 * after the other, never across each other. A deadlock or lock timeout is retried ({@link RetriedOnConflict}).
 * Every change writes its events to groups' outbox in its own transaction, each carrying the group's version after
 * the change.
 */
@ApplicationScoped
public class GroupService {

    /** A read of one group that changes to it outrun this many times answers "busy, retry". */
    private static final int CONSISTENT_READ_ATTEMPTS = 5;

    @PersistenceContext(unitName = "groups")
    EntityManager em;

    @Inject
    UserDirectory users;

    @Inject
    Clock clock;

    @Inject
    GroupEventOutbox events;

    /** @throws GroupExceptions.UserNotKnownYet if the caller's registration has not arrived yet */
    @RetriedOnConflict
    @Transactional
    public GroupWithRole create(String callerId, String name) {
        requireNotDeleted(callerId);
        users.activeLocked(callerId).orElseThrow(() -> users.find(callerId).isPresent()
                ? new GroupExceptions.CallerDeleted() : new GroupExceptions.UserNotKnownYet());
        Group group = new Group(UUID.randomUUID().toString(), name, clock.instant());
        em.persist(group);
        em.persist(new Membership(group.id(), callerId, Role.ADMIN, clock.instant()));
        em.flush();
        events.append(GroupEvent.created(group.id(), group.version(), name, clock.instant()));
        events.append(GroupEvent.memberJoined(group.id(), group.version(), callerId, Role.ADMIN.name(),
                clock.instant()));
        return new GroupWithRole(group, Role.ADMIN);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<GroupWithRole> groupsOf(String callerId) {
        return em.createQuery("SELECT g, m.role FROM Group g, Membership m"
                        + " WHERE m.groupId = g.id AND m.userId = :caller ORDER BY g.name, g.id", Object[].class)
                .setParameter("caller", callerId)
                .getResultStream()
                .map(row -> new GroupWithRole((Group) row[0], (Role) row[1]))
                .toList();
    }

    /** @throws GroupExceptions.GroupNotFound also when the caller is not a member */
    @Transactional(Transactional.TxType.SUPPORTS)
    public GroupDetail get(String callerId, String groupId) {
        membershipOf(callerId, groupId);
        Group group = em.find(Group.class, groupId);
        if (group == null) {  // deleted since the membership was read
            throw new GroupExceptions.GroupNotFound();
        }
        return detail(group);
    }

    /** Any group, for operators. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<GroupDetail> inspect(String groupId) {
        return Optional.ofNullable(em.find(Group.class, groupId)).map(this::detail);
    }

    /**
     * The group's row and its members as one commit left them. Derby reads a statement's rows one by one under
     * read-committed locks, so a change committing mid-read could show in part (a departed admin gone, the promotion
     * of their successor not yet). Every change to a group bumps its version, so the members are read between two
     * reads of it, and read again if it moved.
     */
    private GroupDetail detail(Group group) {
        for (int attempt = 1; ; attempt++) {
            List<Member> members = membersOf(group.id());
            Long version = em.createQuery("SELECT g.version FROM Group g WHERE g.id = :g", Long.class)
                    .setParameter("g", group.id()).getResultStream().findFirst()
                    .orElseThrow(GroupExceptions.GroupNotFound::new);
            if (version == group.version()) {
                return new GroupDetail(group, members);
            }
            if (attempt == CONSISTENT_READ_ATTEMPTS) {
                throw DatabaseBusyException.forRead();
            }
            group = em.createQuery("SELECT g FROM Group g WHERE g.id = :g", Group.class)
                    .setParameter("g", group.id()).setHint("eclipselink.refresh", true)
                    .getResultStream().findFirst().orElseThrow(GroupExceptions.GroupNotFound::new);
        }
    }

    /**
     * The members as the rows say now: values, not entities, because the caller's own membership is already in this
     * persistence context (read to check access), and an entity read again would come back as it was then.
     */
    private List<Member> membersOf(String groupId) {
        return em.createQuery("SELECT m.userId, v.displayName, m.role FROM Membership m, UserView v"
                        + " WHERE m.groupId = :g AND v.userId = m.userId ORDER BY m.joinedAt, m.userId", Object[].class)
                .setParameter("g", groupId)
                .getResultStream()
                .map(row -> new Member((String) row[0], (String) row[1], (Role) row[2]))
                .toList();
    }

    @RetriedOnConflict
    @Transactional
    public Group rename(String callerId, String groupId, String name, long expectedVersion) {
        requireNotDeleted(callerId);
        Group group = lock(groupId, LockModeType.PESSIMISTIC_WRITE);
        requireAdmin(callerId, groupId);
        if (group.version() != expectedVersion) {
            throw new GroupExceptions.StaleVersion(group.version());
        }
        if (group.name().equals(name)) {
            return group;  // nothing changes: no new version, no event
        }
        group.rename(name);
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new GroupExceptions.StaleVersion();
        }
        events.append(GroupEvent.renamed(group.id(), group.version(), name, clock.instant()));
        return group;
    }

    @RetriedOnConflict
    @Transactional
    public void delete(String callerId, String groupId) {
        requireNotDeleted(callerId);
        Group group = lock(groupId, LockModeType.PESSIMISTIC_WRITE);
        requireAdmin(callerId, groupId);
        long lastVersion = group.version();
        deleteGroup(groupId);
        events.append(GroupEvent.deleted(groupId, lastVersion + 1, clock.instant()));
    }

    /**
     * Adds a member, or changes the role of one who already is.
     *
     * @return true if the user was added, false if only the role changed
     */
    @RetriedOnConflict
    @Transactional
    public boolean putMember(String callerId, String groupId, String userId, Role role) {
        requireNotDeleted(callerId);
        // the user's view row before the group, in the order applying a deletion takes them (see DepartureHandler):
        // the other way round, the two waited for each other until the database broke the deadlock
        Optional<UserView> user = users.activeLocked(userId);
        Group group = lock(groupId, LockModeType.PESSIMISTIC_WRITE);
        requireAdmin(callerId, groupId);
        user.orElseThrow(() -> new GroupExceptions.UserNotFound(userId));
        List<Membership> existing = memberships(groupId, userId);
        if (!existing.isEmpty() && existing.get(0).role() == role) {
            return false;  // nothing changes: no new version, no event
        }
        em.lock(group, LockModeType.OPTIMISTIC_FORCE_INCREMENT);  // the row is held already: the new version only
        bumpVersionNow();
        if (existing.isEmpty()) {
            em.persist(new Membership(groupId, userId, role, clock.instant()));
            events.append(GroupEvent.memberJoined(groupId, group.version(), userId, role.name(), clock.instant()));
            return true;
        }
        Membership m = existing.get(0);
        if (role == Role.ADMIN) {
            m.promote();
        } else {
            requireAnotherAdmin(groupId, userId);
            m.demote();
        }
        events.append(GroupEvent.memberRoleChanged(groupId, group.version(), userId, role.name(), clock.instant()));
        return false;
    }

    /** Admins may remove anyone; a member may remove themselves. The last admin cannot leave others behind. */
    @RetriedOnConflict
    @Transactional
    public void removeMember(String callerId, String groupId, String userId) {
        requireNotDeleted(callerId);
        Group group = lock(groupId, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
        Membership caller = membershipOf(callerId, groupId);
        if (!callerId.equals(userId) && !caller.isAdmin()) {
            throw new GroupExceptions.NotAdmin();
        }
        Membership target = memberships(groupId, userId).stream().findFirst()
                .orElseThrow(() -> new GroupExceptions.MemberNotFound(userId));
        long members = countMembers(groupId);
        long version = group.version();
        if (members == 1) {
            deleteGroup(groupId);  // the last member leaves: nothing is left to keep
            events.append(GroupEvent.memberLeft(groupId, version, userId, clock.instant()));
            events.append(GroupEvent.deleted(groupId, version, clock.instant()));
            return;
        }
        if (target.isAdmin()) {
            requireAnotherAdmin(groupId, userId);
        }
        em.remove(target);
        events.append(GroupEvent.memberLeft(groupId, version, userId, clock.instant()));
    }

    /**
     * A token outlives the account it was issued for: once groups has learnt of the deletion, the token changes
     * nothing (even before its memberships are gone, should the request race the event).
     */
    private void requireNotDeleted(String callerId) {
        if (users.find(callerId).filter(UserView::deleted).isPresent()) {
            throw new GroupExceptions.CallerDeleted();
        }
    }

    /**
     * The group's row, locked until the transaction ends ({@code PESSIMISTIC_FORCE_INCREMENT} also bumps its
     * version, at once). @throws GroupExceptions.GroupNotFound if there is none
     */
    Group lock(String groupId, LockModeType mode) {
        Group group = em.find(Group.class, groupId, mode);
        if (group == null) {
            throw new GroupExceptions.GroupNotFound();
        }
        if (mode == LockModeType.PESSIMISTIC_FORCE_INCREMENT) {
            bumpVersionNow();
        }
        return group;
    }

    /**
     * Writes the forced version increment now rather than at commit: the group's row is then held exclusively until
     * the change commits, and a reader's second look at the version ({@link #detail}) waits for that commit instead
     * of reading the old version past Derby's lock for update, which lets readers in.
     */
    void bumpVersionNow() {
        em.flush();
    }

    private void requireAnotherAdmin(String groupId, String leavingUserId) {
        long otherAdmins = em.createQuery("SELECT COUNT(m) FROM Membership m WHERE m.groupId = :g"
                        + " AND m.role = :admin AND m.userId <> :u", Long.class)
                .setParameter("g", groupId).setParameter("admin", Role.ADMIN).setParameter("u", leavingUserId)
                .getSingleResult();
        if (otherAdmins == 0) {
            throw new GroupExceptions.LastAdmin();
        }
    }

    private Membership requireAdmin(String callerId, String groupId) {
        Membership m = membershipOf(callerId, groupId);
        if (!m.isAdmin()) {
            throw new GroupExceptions.NotAdmin();
        }
        return m;
    }

    private Membership membershipOf(String callerId, String groupId) {
        return memberships(groupId, callerId).stream().findFirst().orElseThrow(GroupExceptions.GroupNotFound::new);
    }

    private List<Membership> memberships(String groupId, String userId) {
        return em.createQuery("SELECT m FROM Membership m WHERE m.groupId = :g AND m.userId = :u", Membership.class)
                .setParameter("g", groupId).setParameter("u", userId).getResultList();
    }

    private long countMembers(String groupId) {
        return em.createQuery("SELECT COUNT(m) FROM Membership m WHERE m.groupId = :g", Long.class)
                .setParameter("g", groupId).getSingleResult();
    }

    /** Deletes the group and its memberships; the group's row is locked by the caller, in this transaction. */
    void deleteGroup(String groupId) {
        em.createQuery("DELETE FROM Membership m WHERE m.groupId = :g").setParameter("g", groupId).executeUpdate();
        Group group = em.find(Group.class, groupId);
        if (group != null) {
            em.remove(group);  // the managed, locked entity: its pending version bump goes with it
        }
    }

    public record GroupWithRole(Group group, Role role) {
    }

    public record Member(String userId, String displayName, Role role) {
    }

    public record GroupDetail(Group group, List<Member> members) {
    }
}
