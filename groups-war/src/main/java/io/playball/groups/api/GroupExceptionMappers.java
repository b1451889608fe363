package io.playball.groups.api;

import io.playball.groups.group.GroupExceptions;
import io.playball.groups.persistence.DatabaseBusyException;
import io.playball.platform.api.Problem;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The group rules' refusals as problems. */
public final class GroupExceptionMappers {

    /** Seconds a client should wait before retrying when its registration has not arrived yet. */
    static final int USER_NOT_KNOWN_RETRY_AFTER = 1;

    private GroupExceptionMappers() {
    }

    @Provider
    public static class GroupNotFound implements ExceptionMapper<GroupExceptions.GroupNotFound> {
        @Override
        public Response toResponse(GroupExceptions.GroupNotFound e) {
            return Problem.of(Status.NOT_FOUND, "group-not-found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class NotAdmin implements ExceptionMapper<GroupExceptions.NotAdmin> {
        @Override
        public Response toResponse(GroupExceptions.NotAdmin e) {
            return Problem.of(Status.FORBIDDEN, "not-group-admin", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class UserNotKnownYet implements ExceptionMapper<GroupExceptions.UserNotKnownYet> {
        @Override
        public Response toResponse(GroupExceptions.UserNotKnownYet e) {
            return Problem.of(Status.CONFLICT, "user-not-known-yet", e.getMessage()).toResponseBuilder()
                    .header("Retry-After", USER_NOT_KNOWN_RETRY_AFTER)
                    .build();
        }
    }

    @Provider
    public static class CallerDeleted implements ExceptionMapper<GroupExceptions.CallerDeleted> {
        @Override
        public Response toResponse(GroupExceptions.CallerDeleted e) {
            return Problem.of(Status.FORBIDDEN, "account-deleted", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class UserNotFound implements ExceptionMapper<GroupExceptions.UserNotFound> {
        @Override
        public Response toResponse(GroupExceptions.UserNotFound e) {
            return Problem.of(Status.NOT_FOUND, "user-not-found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class MemberNotFound implements ExceptionMapper<GroupExceptions.MemberNotFound> {
        @Override
        public Response toResponse(GroupExceptions.MemberNotFound e) {
            return Problem.of(Status.NOT_FOUND, "member-not-found", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class StaleVersion implements ExceptionMapper<GroupExceptions.StaleVersion> {
        @Override
        public Response toResponse(GroupExceptions.StaleVersion e) {
            return Problem.of(Status.CONFLICT, "stale-version", e.getMessage()).toResponse();
        }
    }

    @Provider
    public static class LastAdmin implements ExceptionMapper<GroupExceptions.LastAdmin> {
        @Override
        public Response toResponse(GroupExceptions.LastAdmin e) {
            return Problem.of(Status.CONFLICT, "last-admin", e.getMessage()).toResponse();
        }
    }

    /** Lost to concurrent changes even after retries: a 503 the client may retry, never a 500. */
    @Provider
    public static class DatabaseBusy implements ExceptionMapper<DatabaseBusyException> {
        @Override
        public Response toResponse(DatabaseBusyException e) {
            return Problem.of(Status.SERVICE_UNAVAILABLE, "busy", e.getMessage()).toResponseBuilder()
                    .header("Retry-After", 1)
                    .build();
        }
    }
}
