package io.playball.groups.api;

import io.playball.groups.group.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request bodies of the groups API. Names are trimmed before they are checked. */
public final class GroupRequests {

    private GroupRequests() {
    }

    public record CreateGroup(@NotBlank @Size(max = 100) String name) {
        public CreateGroup {
            name = name == null ? null : name.strip();
        }
    }

    public record RenameGroup(@NotBlank @Size(max = 100) String name, @NotNull @PositiveOrZero Long version) {
        public RenameGroup {
            name = name == null ? null : name.strip();
        }
    }

    public record PutMember(@NotBlank @Size(max = 36) String userId, @NotNull Role role) {
    }
}
