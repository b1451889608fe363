package io.playball.auth.api;

import io.playball.auth.account.Account;
import io.playball.auth.account.AccountService;
import io.playball.auth.account.HashingBusyException;
import io.playball.auth.throttle.LoginThrottle;
import io.playball.platform.api.ApiDoc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** POST /users: open to anyone. Kept apart from the token-reading resources (see MyAccountResource). */
@Tag(name = "accounts")
@Path("users")
@ApplicationScoped
public class RegistrationResource {

    @Inject
    AccountService accounts;

    @Inject
    LoginThrottle throttle;

    @Context
    UriInfo uri;

    /** The client's address: the socket's, or the one a trusted proxy forwarded (server.xml's remoteIp). */
    @Context
    HttpServletRequest http;

    @Operation(operationId = "register", summary = "Register an account",
            description = "The username is an e-mail address, unique without regard to case. Publishes UserRegistered."
                    + " Registrations from one address are limited; beyond the limit, 429 with Retry-After.")
    @APIResponse(responseCode = "201", description = "Registered; Location is /auth/api/users/me",
            headers = @Header(name = "Location", description = "the caller's own account",
                    schema = @Schema(type = SchemaType.STRING, format = "uri")),
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "409", ref = ApiDoc.CONFLICT)
    @APIResponse(responseCode = "429", ref = ApiDoc.TOO_MANY)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response register(@NotNull(message = "a JSON body is required") @Valid RegistrationRequest request) {
        String address = http.getRemoteAddr();
        throttle.checkRegistration(address);
        Account account;
        try {
            account = accounts.register(request.username(), request.displayName(), request.password());
        } catch (HashingBusyException e) {
            throw e;  // nothing was tried: not counted against the address
        } catch (RuntimeException e) {
            throttle.registrationAttempted(address);
            throw e;
        }
        throttle.registrationAttempted(address);
        return Response.created(uri.getAbsolutePathBuilder().path("me").build())
                .entity(AccountResponse.of(account))
                .build();
    }
}
