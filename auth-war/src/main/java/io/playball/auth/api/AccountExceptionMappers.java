package io.playball.auth.api;

import io.playball.auth.account.AccountNotFoundException;
import io.playball.auth.account.InvalidCredentialsException;
import io.playball.auth.account.StaleVersionException;
import io.playball.auth.account.UsernameTakenException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The account rules' exceptions as problems: 409, 404 and 401. */
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
}
