package io.playball.groups.group;

import static io.playball.platform.persistence.TestDatabase.inTransaction;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;

import io.playball.groups.userview.TestUserViews;
import io.playball.groups.userview.UserDeparted;
import io.playball.outbox.internal.MovingClock;
import io.playball.platform.persistence.TestDatabase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link GroupService} and {@link DepartureHandler} wired as on the server (one persistence context between them), on
 * groups' real changelog and persistence unit in in-memory Derby, with a clock the test moves and an outbox that
 * records what the changes append. Each call is a transaction of its own, as a request's is.
 */
final class GroupsOnDerby {

    /** One schema for the group tests of this JVM (building it takes seconds); each fixture starts from empty tables. */
    private static final TestDatabase DB = new TestDatabase("groups", "db/groups-changelog.xml");

    final MovingClock clock = new MovingClock();
    private final EntityManager em = DB.entityManager();
    final RecordingGroupOutbox outbox = new RecordingGroupOutbox(em);
    final GroupService service = new GroupService();
    final DepartureHandler departures = new DepartureHandler();

    GroupsOnDerby() {
        service.em = em;
        service.users = TestUserViews.directory(em);
        service.clock = clock;
        service.events = outbox;
        departures.em = em;
        departures.groups = service;
        departures.events = outbox;
        departures.clock = clock;
        runInTransaction(em, e -> {
            e.createQuery("DELETE FROM Membership m").executeUpdate();
            e.createQuery("DELETE FROM Group g").executeUpdate();
            e.createQuery("DELETE FROM UserView v").executeUpdate();
        });
    }

    /** Users whose registrations have reached groups. */
    void users(String... userIds) {
        runInTransaction(em, e -> {
            for (String id : userIds) {
                e.persist(TestUserViews.active(id, "Name of " + id, clock.instant()));
            }
        });
    }

    /** The user's deletion has reached groups (their view is a tombstone), their memberships not yet let go. */
    void tombstone(String userId) {
        runInTransaction(em, e -> e.createQuery("UPDATE UserView v SET v.deleted = TRUE WHERE v.userId = :u")
                .setParameter("u", userId).executeUpdate());
    }

    <T> T call(Function<GroupService, T> change) {
        return inTransaction(em, e -> change.apply(service));
    }

    void run(Consumer<GroupService> change) {
        runInTransaction(em, e -> change.accept(service));
    }

    /** The departure as the user view's consumer fires it, inside the transaction that applies the deletion. */
    void depart(String userId) {
        runInTransaction(em, e -> departures.onDeparture(new UserDeparted(userId)));
    }

    /**
     * A group "Tennis" created by {@code admin}, the participants added in order a minute apart (so that each joined
     * later than the one before); the events of setting it up are dropped.
     */
    String group(String admin, String... participants) {
        String id = call(s -> s.create(admin, "Tennis")).group().id();
        for (String participant : participants) {
            clock.advance(Duration.ofMinutes(1));
            run(s -> s.putMember(admin, id, participant, Role.PARTICIPANT));
        }
        outbox.drain();
        return id;
    }

    /** The events appended since the last look, each as {@link RecordingGroupOutbox#summary}. */
    List<String> events() {
        return outbox.drain().stream().map(RecordingGroupOutbox::summary).toList();
    }

    Optional<Role> roleOf(String groupId, String userId) {
        return inTransaction(em, e -> e.createQuery(
                        "SELECT m.role FROM Membership m WHERE m.groupId = :g AND m.userId = :u", Role.class)
                .setParameter("g", groupId).setParameter("u", userId).getResultStream().findFirst());
    }

    /** The group as committed, if it exists. */
    Optional<Group> find(String groupId) {
        return inTransaction(em, e -> Optional.ofNullable(e.find(Group.class, groupId)));
    }

    long version(String groupId) {
        return find(groupId).orElseThrow().version();
    }

    long memberRows(String groupId) {
        return inTransaction(em, e -> e.createQuery("SELECT COUNT(m) FROM Membership m WHERE m.groupId = :g",
                Long.class).setParameter("g", groupId).getSingleResult());
    }
}
