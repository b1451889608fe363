package io.playball.auth.api;

import io.playball.auth.account.AccountService;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's own account, /users/me. The caller is the token's subject: nobody can name another account here.
 * The subject is read from the request's SecurityContext, not from an injected JsonWebToken: the resource is one
 * application-scoped instance, which saves creating and injecting a bean per request.
 */
@Tag(name = "accounts")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("users/me")
@ApplicationScoped
@RolesAllowed("user")
public class MyAccountResource {

    @Inject
    AccountService accounts;

    /** Per request: an application-scoped resource gets a proxy that reads the current request's. */
    @Context
    SecurityContext security;

    @Operation(operationId = "getMyAccount", summary = "Read one's own account")
    @APIResponse(responseCode = "200", description = "The caller's account", content = @Content(mediaType = ApiDoc.JSON,
            schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AccountResponse get() {
        return AccountResponse.of(accounts.get(caller()));
    }

    @Operation(operationId = "renameMyAccount", summary = "Rename one's own account",
            description = "Needs the version last read: a stale one is a 409. Publishes UserUpdated unless the name is"
                    + " unchanged.")
    @APIResponse(responseCode = "200", description = "The account with its new version",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public AccountResponse update(@NotNull(message = "a JSON body is required") @Valid ProfileUpdateRequest request) {
        JsonWebToken token = token();
        long version = accounts.rename(token.getSubject(), request.displayName(), request.version());
        // the answer is built from the token (usernames never change) and the request: no read of the account
        return new AccountResponse(token.getSubject(), token.getName(), request.displayName(), version);
    }

    @Operation(operationId = "deleteMyAccount", summary = "Delete one's own account",
            description = "Publishes UserDeleted; groups removes the user everywhere.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "404", ref = ApiDoc.NOT_FOUND)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @DELETE
    public void delete() {
        accounts.delete(caller());
    }

    /** The token's subject. */
    private String caller() {
        return token().getSubject();
    }

    /** mpJwt's principal is the verified JsonWebToken. */
    private JsonWebToken token() {
        return (JsonWebToken) security.getUserPrincipal();
    }
}
