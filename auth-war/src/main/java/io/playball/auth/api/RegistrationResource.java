package io.playball.auth.api;

import io.playball.auth.account.Account;
import io.playball.auth.account.AccountService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

/** POST /users: open to anyone. Kept apart from the token-reading resources (see MyAccountResource). */
@Path("users")
@RequestScoped
public class RegistrationResource {

    @Inject
    AccountService accounts;

    @Context
    UriInfo uri;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(@NotNull(message = "a JSON body is required") @Valid RegistrationRequest request) {
        Account account = accounts.register(request.username(), request.displayName(), request.password());
        return Response.created(uri.getAbsolutePathBuilder().path("me").build())
                .entity(AccountResponse.of(account))
                .build();
    }
}
