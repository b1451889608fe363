package io.playball.auth.api;

import io.playball.auth.account.Account;
import io.playball.auth.account.AccountService;
import io.playball.auth.token.TokenIssuer;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** POST /tokens: exchanges a username and password for a bearer token. */
@Path("tokens")
@RequestScoped
public class TokenResource {

    @Inject
    AccountService accounts;

    @Inject
    TokenIssuer tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TokenResponse login(@NotNull(message = "a JSON body is required") @Valid LoginRequest request) {
        Account account = accounts.authenticate(request.username(), request.password());
        return TokenResponse.of(tokens.issue(account.id(), account.username()));
    }
}
