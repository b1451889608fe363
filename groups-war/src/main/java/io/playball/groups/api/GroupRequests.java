package io.playball.groups.api;

import io.playball.groups.group.Role;
import io.playball.platform.api.ApiDoc;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Request bodies of the groups API. Names are trimmed before they are checked. */
public final class GroupRequests {

    private GroupRequests() {
    }

    public record CreateGroup(
            @NotBlank @Size(max = 100)
            @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String name) {
        public CreateGroup {
            name = name == null ? null : name.strip();
        }
    }

    public record RenameGroup(
            @NotBlank @Size(max = 100)
            @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String name,
            @NotNull @PositiveOrZero Long version) {
        public RenameGroup {
            name = name == null ? null : name.strip();
        }
    }

    public record PutMember(
            @NotBlank @Size(max = 36)
            @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String userId,
            @NotNull Role role) {
    }
}
