package io.playball.auth.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of PUT /users/me: the new display name (trimmed) and the version the client last read. */
public record ProfileUpdateRequest(
        @NotBlank @Size(max = 100) String displayName,
        @NotNull @PositiveOrZero Long version) {

    public ProfileUpdateRequest {
        displayName = displayName == null ? null : displayName.strip();
    }
}
