package io.playball.auth.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of POST /tokens. */
public record LoginRequest(@NotNull @Size(max = 254) String username, @NotNull @Size(max = 128) String password) {

    @Override
    public String toString() {  // never log a password
        return "LoginRequest[username=" + username + "]";
    }
}
