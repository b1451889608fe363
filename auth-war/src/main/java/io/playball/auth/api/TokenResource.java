package io.playball.auth.api;

import io.playball.auth.account.Account;
import io.playball.auth.account.AccountService;
import io.playball.auth.token.TokenIssuer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** POST /tokens: exchanges a username and password for a bearer token. */
@Tag(name = "accounts")
@Path("tokens")
@ApplicationScoped
public class TokenResource {

    @Inject
    AccountService accounts;

    @Inject
    TokenIssuer tokens;

    @Operation(summary = "Log in",
            description = "Exchanges a username and password for a bearer token (RS256 JWT). Unknown user and wrong"
                    + " password get the same 401 problem.")
    @APIResponse(responseCode = "200", description = "The token", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Unknown user or wrong password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TokenResponse login(@NotNull(message = "a JSON body is required") @Valid LoginRequest request) {
        Account account = accounts.authenticate(request.username(), request.password());
        return TokenResponse.of(tokens.issue(account.id(), account.username()));
    }
}
