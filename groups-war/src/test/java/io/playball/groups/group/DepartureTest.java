package io.playball.groups.group;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deleted user leaves every group they were in: a group left without an admin makes its longest-standing member
 * admin (by join time on the test's clock, then by user id), a group left with nobody is deleted; each group's events
 * carry its version after the departure.
 */
class DepartureTest {

    private final GroupsOnDerby groups = new GroupsOnDerby();

    @BeforeEach
    void users() {
        groups.users("ada", "bob", "cy", "zoe");
    }

    @Test
    void aGroupLeftWithoutAnAdminPromotesItsOldestRemainingMember() {
        // zoe joins a minute before bob: the oldest member, though not the first by name
        String g = groups.group("ada", "zoe", "bob");
        long after = groups.version(g) + 1;

        groups.depart("ada");

        assertEquals(Optional.empty(), groups.roleOf(g, "ada"));
        assertEquals(Optional.of(Role.ADMIN), groups.roleOf(g, "zoe"));
        assertEquals(Optional.of(Role.PARTICIPANT), groups.roleOf(g, "bob"));
        assertEquals(after, groups.version(g));
        assertEquals(List.of("MemberLeft " + g + " v" + after + " ada", "MemberRoleChanged " + g + " v" + after
                + " zoe ADMIN"), groups.events());
    }

    @Test
    void membersWhoJoinedAtTheSameInstantAreTakenInTheOrderOfTheirIds() {
        String g = groups.group("ada");
        // the clock stands still: both join at the same instant
        groups.run(s -> s.putMember("ada", g, "zoe", Role.PARTICIPANT));
        groups.run(s -> s.putMember("ada", g, "bob", Role.PARTICIPANT));

        groups.depart("ada");

        assertEquals(Optional.of(Role.ADMIN), groups.roleOf(g, "bob"));
        assertEquals(Optional.of(Role.PARTICIPANT), groups.roleOf(g, "zoe"));
    }

    @Test
    void aGroupThatKeepsAnAdminPromotesNobody() {
        String g = groups.group("ada", "bob", "cy");
        groups.run(s -> s.putMember("ada", g, "bob", Role.ADMIN));
        groups.events();

        groups.depart("bob");

        assertEquals(Optional.of(Role.ADMIN), groups.roleOf(g, "ada"));
        assertEquals(Optional.of(Role.PARTICIPANT), groups.roleOf(g, "cy"));
        assertEquals(List.of("MemberLeft " + g + " v" + groups.version(g) + " bob"), groups.events());
    }

    @Test
    void aGroupLeftEmptyIsDeleted() {
        String g = groups.group("ada");
        long after = groups.version(g) + 1;

        groups.depart("ada");

        assertEquals(Optional.empty(), groups.find(g));
        assertEquals(0, groups.memberRows(g));
        assertEquals(List.of("MemberLeft " + g + " v" + after + " ada", "GroupDeleted " + g + " v" + after),
                groups.events());
    }

    @Test
    void theDepartedUserLeavesEveryGroupTheyWereIn() {
        String alone = groups.group("ada");
        String shared = groups.group("bob", "ada", "cy");
        long aloneAfter = groups.version(alone) + 1;
        long sharedAfter = groups.version(shared) + 1;

        groups.depart("ada");

        assertEquals(Optional.empty(), groups.find(alone));
        assertEquals(Optional.empty(), groups.roleOf(shared, "ada"));
        assertEquals(Optional.of(Role.ADMIN), groups.roleOf(shared, "bob"));
        // the groups are left in no particular order: each one's events, in order, under its own version
        List<String> events = groups.events();
        assertEquals(List.of("MemberLeft " + alone + " v" + aloneAfter + " ada", "GroupDeleted " + alone + " v"
                + aloneAfter), events.stream().filter(e -> e.contains(alone)).toList());
        assertEquals(List.of("MemberLeft " + shared + " v" + sharedAfter + " ada"),
                events.stream().filter(e -> e.contains(shared)).toList());
        assertEquals(3, events.size());
    }
}
