package io.playball.platform.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem detail. {@code type} is a URN naming the kind of problem, so clients can branch on it;
 * {@code errors} lists the fields that failed validation.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "errors"})
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:playball:problem:";
    private static final Jsonb JSONB = JsonbBuilder.create();

    public static Problem of(Response.StatusType status, String slug, String detail) {
        return new Problem(TYPE_PREFIX + slug, status.getReasonPhrase(), status.getStatusCode(), detail, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors);
    }

    /** The response, serialized here so that its media type and shape never depend on provider selection. */
    public Response.ResponseBuilder toResponseBuilder() {
        return Response.status(status).type(MEDIA_TYPE).entity(JSONB.toJson(this));
    }

    public Response toResponse() {
        return toResponseBuilder().build();
    }

    public record FieldError(String field, String message) {
    }
}
