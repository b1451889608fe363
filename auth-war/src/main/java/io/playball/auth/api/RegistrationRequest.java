package io.playball.auth.api;

import io.playball.platform.api.ApiDoc;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST /users. The display name is trimmed before it is checked. */
public record RegistrationRequest(
        @NotBlank @Email @Size(max = 254)
        @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String username,
        @NotBlank @Size(max = 100)
        @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String displayName,
        @NotNull @Size(min = 12, max = 128)
        @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String password) {

    public RegistrationRequest {
        displayName = displayName == null ? null : displayName.strip();
        username = username == null ? null : username.strip();
    }

    @Override
    public String toString() {  // never log a password
        return "RegistrationRequest[username=" + username + ", displayName=" + displayName + "]";
    }
}
