package io.playball.auth.api;

import io.playball.platform.api.ApiDoc;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of POST /tokens. */
public record LoginRequest(
        @NotNull @Size(max = 254)
        @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String username,
        @NotNull @Size(max = 128)
        @Pattern(regexp = ApiDoc.PLAIN_TEXT, message = ApiDoc.PLAIN_TEXT_MESSAGE) String password) {

    @Override
    public String toString() {  // never log a password
        return "LoginRequest[username=" + username + "]";
    }
}
