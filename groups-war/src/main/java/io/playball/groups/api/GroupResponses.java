package io.playball.groups.api;

import io.playball.groups.group.GroupService;
import io.playball.groups.group.Role;
import java.util.List;

/** Response bodies of the groups API. */
public final class GroupResponses {

    private GroupResponses() {
    }

    /** A group in the caller's list, with the caller's role in it. */
    public record GroupSummary(String id, String name, long version, Role role) {
        static GroupSummary of(GroupService.GroupWithRole g) {
            return new GroupSummary(g.group().id(), g.group().name(), g.group().version(), g.role());
        }
    }

    public record MemberView(String userId, String displayName, Role role) {
        static MemberView of(GroupService.Member m) {
            return new MemberView(m.userId(), m.displayName(), m.role());
        }
    }

    public record GroupView(String id, String name, long version, List<MemberView> members) {
        static GroupView of(GroupService.GroupDetail d) {
            return new GroupView(d.group().id(), d.group().name(), d.group().version(),
                    d.members().stream().map(MemberView::of).toList());
        }
    }
}
