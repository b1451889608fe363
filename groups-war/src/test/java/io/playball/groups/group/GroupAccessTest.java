package io.playball.groups.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who sees and changes a group: to a non-member it does not exist ({@link GroupExceptions.GroupNotFound}, never
 * "forbidden"); a participant reads it and may leave, only admins rename, delete, add or remove
 * ({@link GroupExceptions.NotAdmin}); a caller groups knows as deleted, or not yet, changes nothing.
 */
class GroupAccessTest {

    private final GroupsOnDerby groups = new GroupsOnDerby();
    private String g;

    @BeforeEach
    void aGroupOfAdaAndBob() {
        groups.users("ada", "bob", "eve");
        g = groups.group("ada", "bob");
    }

    /** Every operation on the group, on behalf of {@code caller}, by name. */
    private Map<String, Consumer<GroupService>> everyOperationBy(String caller, long version) {
        return Map.of(
                "get", s -> s.get(caller, g),
                "rename", s -> s.rename(caller, g, "Padel", version),
                "delete", s -> s.delete(caller, g),
                "add a member", s -> s.putMember(caller, g, "eve", Role.PARTICIPANT),
                "make themselves admin", s -> s.putMember(caller, g, caller, Role.ADMIN),
                "remove the admin", s -> s.removeMember(caller, g, "ada"));
    }

    @Test
    void aNonMemberIsToldTheGroupDoesNotExist() {
        long version = groups.version(g);
        everyOperationBy("eve", version).forEach((name, operation) ->
                assertThrows(GroupExceptions.GroupNotFound.class, () -> groups.run(operation), name));

        assertEquals(version, groups.version(g));
        assertEquals(List.of(), groups.events());
    }

    @Test
    void aGroupTheCallerIsNotInLooksLikeOneThatDoesNotExist() {
        RuntimeException notIn = assertThrows(GroupExceptions.GroupNotFound.class,
                () -> groups.run(s -> s.get("eve", g)));
        RuntimeException none = assertThrows(GroupExceptions.GroupNotFound.class,
                () -> groups.run(s -> s.get("eve", "no-such-group")));
        assertEquals(none.getMessage(), notIn.getMessage());
        assertEquals(List.of(), groups.call(s -> s.groupsOf("eve")));
    }

    @Test
    void aParticipantReadsTheGroupButOnlyAdminsChangeIt() {
        long version = groups.version(g);
        assertEquals(List.of("ada", "bob"), groups.call(s -> s.get("bob", g)).members().stream()
                .map(GroupService.Member::userId).toList());

        everyOperationBy("bob", version).forEach((name, operation) -> {
            if (!name.equals("get")) {
                assertThrows(GroupExceptions.NotAdmin.class, () -> groups.run(operation), name);
            }
        });

        assertEquals("Tennis", groups.find(g).orElseThrow().name());
        assertEquals(Optional.of(Role.PARTICIPANT), groups.roleOf(g, "bob"));
        assertEquals(Optional.empty(), groups.roleOf(g, "eve"));
        assertEquals(version, groups.version(g));
        assertEquals(List.of(), groups.events());
    }

    @Test
    void aParticipantMayLeaveOfTheirOwnAccord() {
        groups.run(s -> s.removeMember("bob", g, "bob"));

        assertEquals(Optional.empty(), groups.roleOf(g, "bob"));
        assertEquals(List.of("MemberLeft " + g + " v" + groups.version(g) + " bob"), groups.events());
    }

    @Test
    void aCallerSeesOnlyTheirOwnGroupsWithTheirRoleInEach() {
        String bobs = groups.group("bob");

        assertEquals(Map.of(g, Role.PARTICIPANT, bobs, Role.ADMIN), roles(groups.call(s -> s.groupsOf("bob"))));
        assertEquals(Map.of(g, Role.ADMIN), roles(groups.call(s -> s.groupsOf("ada"))));
    }

    @Test
    void aCallerKnownToBeDeletedChangesNothing() {
        long version = groups.version(g);
        groups.tombstone("ada");

        assertThrows(GroupExceptions.CallerDeleted.class, () -> groups.run(s -> s.rename("ada", g, "Padel", version)));
        assertThrows(GroupExceptions.CallerDeleted.class, () -> groups.run(s -> s.create("ada", "Padel")));
        assertEquals("Tennis", groups.find(g).orElseThrow().name());
        assertEquals(List.of(), groups.events());
    }

    @Test
    void aCallerNotKnownYetCannotCreateAGroup() {
        assertThrows(GroupExceptions.UserNotKnownYet.class, () -> groups.run(s -> s.create("newcomer", "Padel")));
        assertEquals(List.of(), groups.events());
    }

    private static Map<String, Role> roles(List<GroupService.GroupWithRole> list) {
        return list.stream().collect(Collectors.toMap(r -> r.group().id(), GroupService.GroupWithRole::role));
    }
}
