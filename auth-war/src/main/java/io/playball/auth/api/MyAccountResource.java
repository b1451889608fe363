package io.playball.auth.api;

import io.playball.auth.account.AccountService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller's own account, /users/me. The caller is the token's subject: nobody can name another account here.
 * This is the only resource that reads the token (a bean injecting it logs an error on anonymous requests).
 */
@Path("users/me")
@RequestScoped
@RolesAllowed("user")
public class MyAccountResource {

    @Inject
    AccountService accounts;

    @Inject
    JsonWebToken caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AccountResponse get() {
        return AccountResponse.of(accounts.get(caller.getSubject()));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AccountResponse update(@NotNull(message = "a JSON body is required") @Valid ProfileUpdateRequest request) {
        return AccountResponse.of(accounts.rename(caller.getSubject(), request.displayName(), request.version()));
    }

    @DELETE
    public void delete() {
        accounts.delete(caller.getSubject());
    }
}
