package io.playball.auth.api;

import io.playball.platform.api.ApiDoc;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of PUT /users/me: the new display name (trimmed) and the version the client last read. */
public record ProfileUpdateRequest(
        @NotBlank @Size(max = 100)
        @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String displayName,
        @NotNull @PositiveOrZero Long version) {

    public ProfileUpdateRequest {
        displayName = displayName == null ? null : displayName.strip();
    }
}
