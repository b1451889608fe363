package io.playball.groups.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The last admin rule: while other members remain, neither stepping down nor leaving may take a group's last admin
 * away ({@link GroupExceptions.LastAdmin}); the last member of all may leave, and the group goes with them.
 */
class LastAdminTest {

    private final GroupsOnDerby groups = new GroupsOnDerby();

    @BeforeEach
    void users() {
        groups.users("ada", "bob");
    }

    @Test
    void theLastAdminCannotStepDownWhileOthersRemain() {
        String g = groups.group("ada", "bob");
        long version = groups.version(g);

        assertThrows(GroupExceptions.LastAdmin.class,
                () -> groups.run(s -> s.putMember("ada", g, "ada", Role.PARTICIPANT)));

        assertEquals(Optional.of(Role.ADMIN), groups.roleOf(g, "ada"));
        assertEquals(version, groups.version(g), "the refused change is rolled back, its version bump with it");
        assertEquals(List.of(), groups.events());
    }

    @Test
    void theLastAdminCannotLeaveWhileOthersRemain() {
        String g = groups.group("ada", "bob");

        assertThrows(GroupExceptions.LastAdmin.class, () -> groups.run(s -> s.removeMember("ada", g, "ada")));

        assertEquals(Optional.of(Role.ADMIN), groups.roleOf(g, "ada"));
        assertEquals(2, groups.memberRows(g));
        assertEquals(List.of(), groups.events());
    }

    @Test
    void anAdminMayStepDownOnceAnotherMemberIsAdmin() {
        String g = groups.group("ada", "bob");
        groups.run(s -> s.putMember("ada", g, "bob", Role.ADMIN));
        groups.events();

        boolean added = groups.call(s -> s.putMember("ada", g, "ada", Role.PARTICIPANT));

        assertFalse(added, "a role change, not an addition");
        assertEquals(Optional.of(Role.PARTICIPANT), groups.roleOf(g, "ada"));
        assertEquals(List.of("MemberRoleChanged " + g + " v" + groups.version(g) + " ada PARTICIPANT"),
                groups.events());
    }

    @Test
    void anAdminMayLeaveOnceAnotherMemberIsAdmin() {
        String g = groups.group("ada", "bob");
        groups.run(s -> s.putMember("ada", g, "bob", Role.ADMIN));
        groups.events();

        groups.run(s -> s.removeMember("ada", g, "ada"));

        assertEquals(Optional.empty(), groups.roleOf(g, "ada"));
        assertEquals(Optional.of(Role.ADMIN), groups.roleOf(g, "bob"));
        assertEquals(List.of("MemberLeft " + g + " v" + groups.version(g) + " ada"), groups.events());
    }

    @Test
    void anotherAdminMayRemoveAnAdmin() {
        String g = groups.group("ada", "bob");
        groups.run(s -> s.putMember("ada", g, "bob", Role.ADMIN));

        groups.run(s -> s.removeMember("bob", g, "ada"));

        assertEquals(Optional.empty(), groups.roleOf(g, "ada"));
    }

    @Test
    void theLastMemberMayLeaveAndTheGroupIsDeletedWithThem() {
        String g = groups.group("ada");
        long version = groups.version(g);

        groups.run(s -> s.removeMember("ada", g, "ada"));

        assertEquals(Optional.empty(), groups.find(g));
        assertEquals(0, groups.memberRows(g));
        // both events of the change carry the version after it, one past the group's last
        long after = version + 1;
        assertEquals(List.of("MemberLeft " + g + " v" + after + " ada", "GroupDeleted " + g + " v" + after),
                groups.events());
    }
}
