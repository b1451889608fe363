package io.playball.auth.api;

import io.playball.auth.account.Account;
import io.playball.auth.account.AccountService;
import io.playball.auth.account.HashingBusyException;
import io.playball.auth.account.InvalidCredentialsException;
import io.playball.auth.operator.Operators;
import io.playball.auth.throttle.LoginThrottle;
import io.playball.auth.throttle.RefusalDelay;
import io.playball.auth.throttle.TooManyAttemptsException;
import io.playball.auth.token.DeviceTokens;
import io.playball.auth.token.TokenIssuer;
import io.playball.platform.api.ApiDoc;
import io.playball.platform.api.Problem;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** POST /tokens: exchanges a username and password for a bearer token. */
@Tag(name = "accounts")
@Path("tokens")
@ApplicationScoped
public class TokenResource {

    private static final Logger LOG = Logger.getLogger(TokenResource.class.getName());
    static final String DEVICE_COOKIE = "playball-device";

    @Inject
    AccountService accounts;

    @Inject
    TokenIssuer tokens;

    @Inject
    Operators operators;

    @Inject
    LoginThrottle throttle;

    @Inject
    RefusalDelay refusals;

    @Inject
    DeviceTokens devices;

    @Resource
    ManagedExecutorService executor;

    /** The client's address: the socket's, or the one a trusted proxy forwarded (server.xml's remoteIp). */
    @Context
    HttpServletRequest http;

    @Operation(operationId = "logIn", summary = "Log in",
            description = "Exchanges a username and password for a bearer token (RS256 JWT). Unknown user and wrong"
                    + " password get the same 401 problem. Repeated failures for one account or from one address"
                    + " answer 429 with Retry-After, whatever the password, for a time that doubles with each"
                    + " further failure, except from a device that logged in as this user before (its device"
                    + " cookie), which has five failures of its own. Refusals (429, and 503 while password hashing"
                    + " is saturated) are sent after a short delay.")
    @APIResponse(responseCode = "200", description = "The token; Set-Cookie gives this device a device token",
            headers = @Header(name = "Set-Cookie", description = "playball-device: HttpOnly, Secure, SameSite=Strict,"
                    + " for this endpoint only", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "401", description = "Unknown user or wrong password",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "413", ref = ApiDoc.TOO_LARGE)
    @APIResponse(responseCode = "415", ref = ApiDoc.UNSUPPORTED_TYPE)
    @APIResponse(responseCode = "429", ref = ApiDoc.TOO_MANY)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public void login(@NotNull(message = "a JSON body is required") @Valid LoginRequest request,
                      @Parameter(description = "The device token this device received at an earlier login as this"
                              + " user, if any") @CookieParam(DEVICE_COOKIE) String deviceToken,
                      @Suspended AsyncResponse response) {
        String username = AccountService.normalize(request.username());
        String address = http.getRemoteAddr();
        String cookiePath = http.getContextPath() + "/api/tokens";  // the request's context is gone once hashed
        LoginThrottle.Attempt attempt;
        try {
            attempt = throttle.startLogin(username, address, devices.deviceOf(deviceToken, username));
        } catch (TooManyAttemptsException e) {
            refusals.refuse(response, e);
            return;
        }
        // the password is checked on the hashing pool; the rest of the answer is made on a managed thread. Every
        // way out resumes the response: an exception while answering, or the executor refusing the task, is a 503
        accounts.authenticateAsync(username, request.password()).handleAsync((account, failure) -> {
            try {
                answer(response, attempt, cookiePath, account, failure);
            } catch (RuntimeException e) {
                unavailable(response, e);
            }
            return null;
        }, executor).exceptionally(refused -> {  // the executor refused the task: nothing was decided
            throttle.loginUndecided(attempt);
            unavailable(response, refused);
            return null;
        });
    }

    private void answer(AsyncResponse response, LoginThrottle.Attempt attempt, String cookiePath, Account account,
                        Throwable failure) {
        if (failure == null) {
            throttle.loginSucceeded(attempt);
            TokenResponse token = TokenResponse.of(tokens.issue(account.id(), account.username(),
                    operators.isOperator(account.id())));
            response.resume(Response.ok(token).cookie(deviceCookie(account.username(), cookiePath)).build());
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof InvalidCredentialsException) {
            response.resume(cause);  // counted as it started
        } else if (cause instanceof HashingBusyException) {
            throttle.loginUndecided(attempt);
            refusals.refuse(response, cause);
        } else {
            throttle.loginUndecided(attempt);
            response.resume(cause);
        }
    }

    /** A fresh device token, readable by this endpoint only, over HTTPS only, never by scripts. */
    private NewCookie deviceCookie(String username, String path) {
        return new NewCookie.Builder(DEVICE_COOKIE).value(devices.issue(username)).path(path)
                .maxAge((int) devices.lifetime().toSeconds()).secure(true).httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }

    /** The token could not be made (no usable signing key, the grants unreadable): a 503, never a hang. */
    private static void unavailable(AsyncResponse response, Throwable cause) {
        LOG.log(Level.WARNING, "A login could not be answered; it gets a 503", cause);
        response.resume(new ServiceUnavailableException(Problem.of(Status.SERVICE_UNAVAILABLE, "token-unavailable",
                "A token cannot be issued now; try again later").toResponseBuilder().header("Retry-After", "5")
                .build()));
    }
}
