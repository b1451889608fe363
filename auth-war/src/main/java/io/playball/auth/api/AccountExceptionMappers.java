package io.playball.auth.api;

import io.playball.auth.account.AccountNotFoundException;
import io.playball.auth.account.HashingBusyException;
import io.playball.auth.account.InvalidCredentialsException;
import io.playball.auth.account.StaleVersionException;
import io.playball.auth.account.UsernameTakenException;
import io.playball.auth.throttle.TooManyAttemptsException;
import io.playball.platform.api.Problem;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The account rules' exceptions as problems: 409, 404, 401, 429 and 503. */
public final class AccountExceptionMappers {

    private AccountExceptionMappers() {
    }

    @Provider
    public static class UsernameTaken implements ExceptionMapper<UsernameTakenException> {
        @Override
        public Response toResponse(UsernameTakenException e) {
            return Problem.of(Status.CONFLICT, "username-taken", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class StaleVersion implements ExceptionMapper<StaleVersionException> {
        @Override
        public Response toResponse(StaleVersionException e) {
            return Problem.of(Status.CONFLICT, "stale-version", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class AccountNotFound implements ExceptionMapper<AccountNotFoundException> {
        @Override
        public Response toResponse(AccountNotFoundException e) {
            return Problem.of(Status.NOT_FOUND, "account-not-found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class InvalidCredentials implements ExceptionMapper<InvalidCredentialsException> {
        @Override
        public Response toResponse(InvalidCredentialsException e) {
            return Problem.of(Status.UNAUTHORIZED, "invalid-credentials", e.getMessage()).toResponseBuilder()
                    .header("WWW-Authenticate", "Bearer")
                    .build();
        }
    }

    @Provider
    public static class TooManyAttempts implements ExceptionMapper<TooManyAttemptsException> {
        @Override
        public Response toResponse(TooManyAttemptsException e) {
            return Problem.of(Status.TOO_MANY_REQUESTS, "too-many-attempts", e.getMessage()).toResponseBuilder()
                    .header("Retry-After", e.retryAfterSeconds())
                    .build();
        }
    }

    /** Every hashing thread busy: refused at once rather than queued behind a flood. */
    @Provider
    public static class HashingBusy implements ExceptionMapper<HashingBusyException> {
        @Override
        public Response toResponse(HashingBusyException e) {
            return Problem.of(Status.SERVICE_UNAVAILABLE, "busy", e.getMessage()).toResponseBuilder()
                    .header("Retry-After", 1)
                    .build();
        }
    }
}
