package io.playball.groups.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.groups.event.GroupEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The group's version: a rename naming a stale one is refused; each change moves it on and appends its events to the
 * outbox inside the change's transaction, keyed by the group, carrying the version after the change and its time.
 */
class GroupVersionTest {

    private final GroupsOnDerby groups = new GroupsOnDerby();

    @BeforeEach
    void users() {
        groups.users("ada", "bob");
    }

    @Test
    void aRenameNamingAStaleVersionIsRefused() {
        String g = groups.group("ada");
        long read = groups.version(g);
        groups.run(s -> s.rename("ada", g, "Padel", read));
        groups.events();

        GroupExceptions.StaleVersion refused = assertThrows(GroupExceptions.StaleVersion.class,
                () -> groups.run(s -> s.rename("ada", g, "Squash", read)));

        assertTrue(refused.getMessage().endsWith("its current version is " + (read + 1)), refused.getMessage());
        assertEquals("Padel", groups.find(g).orElseThrow().name());
        assertEquals(read + 1, groups.version(g));
        assertEquals(List.of(), groups.events());
    }

    @Test
    void aRenameMovesTheVersionOnAndAppendsGroupRenamed() {
        String g = groups.group("ada");
        long read = groups.version(g);

        Group renamed = groups.call(s -> s.rename("ada", g, "Padel", read));

        assertEquals(read + 1, renamed.version());
        assertEquals(read + 1, groups.version(g));
        assertEquals(List.of("GroupRenamed " + g + " v" + (read + 1)), groups.events());
    }

    @Test
    void aRenameToTheNameItHasChangesNothing() {
        String g = groups.group("ada");
        long read = groups.version(g);

        assertEquals(read, groups.call(s -> s.rename("ada", g, "Tennis", read)).version());

        assertEquals(read, groups.version(g));
        assertEquals(List.of(), groups.events());
    }

    @Test
    void givingAMemberTheRoleTheyHaveChangesNothing() {
        String g = groups.group("ada", "bob");
        long read = groups.version(g);

        boolean added = groups.call(s -> s.putMember("ada", g, "bob", Role.PARTICIPANT));

        assertFalse(added);
        assertEquals(read, groups.version(g), "no new version, which a consumer would see as a missing event");
        assertEquals(List.of(), groups.events());
    }

    @Test
    void eachChangeAppendsItsEventsWithTheGroupsVersionAfterItAndItsTime() {
        String g = groups.call(s -> s.create("ada", "Tennis")).group().id();
        assertChange(g, 1, "GroupCreated " + g + " v1", "MemberJoined " + g + " v1 ada ADMIN");

        change(s -> s.putMember("ada", g, "bob", Role.PARTICIPANT));
        assertChange(g, 2, "MemberJoined " + g + " v2 bob PARTICIPANT");

        change(s -> s.putMember("ada", g, "bob", Role.ADMIN));
        assertChange(g, 3, "MemberRoleChanged " + g + " v3 bob ADMIN");

        change(s -> s.rename("ada", g, "Padel", 3));
        assertChange(g, 4, "GroupRenamed " + g + " v4");

        change(s -> s.removeMember("ada", g, "bob"));
        assertChange(g, 5, "MemberLeft " + g + " v5 bob");

        change(s -> s.delete("ada", g));
        // the deleted group has no version left to read: its event carries one past its last
        assertEquals(Optional.empty(), groups.find(g));
        assertEquals(List.of("GroupDeleted " + g + " v6"), summaries(timedNow(groups.outbox.drain())));
    }

    /** The change a minute after the last one, so that each event's time tells which change appended it. */
    private void change(Consumer<GroupService> change) {
        groups.clock.advance(Duration.ofMinutes(1));
        groups.run(change);
    }

    private void assertChange(String groupId, long version, String... events) {
        assertEquals(version, groups.version(groupId));
        assertEquals(List.of(events), summaries(timedNow(groups.outbox.drain())));
    }

    private List<GroupEvent> timedNow(List<GroupEvent> events) {
        events.forEach(e -> assertEquals(groups.clock.instant(), e.occurredAt(), e.type() + "'s time"));
        return events;
    }

    private static List<String> summaries(List<GroupEvent> events) {
        return events.stream().map(RecordingGroupOutbox::summary).toList();
    }
}
