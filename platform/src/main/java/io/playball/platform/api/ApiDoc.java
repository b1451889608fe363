package io.playball.platform.api;

import jakarta.ws.rs.core.MediaType;

/** Names of the shared OpenAPI components (declared on the application class), for the resources' annotations. */
public final class ApiDoc {

    public static final String JSON = MediaType.APPLICATION_JSON;
    public static final String BEARER = "bearer";
    public static final String BAD_REQUEST = "BadRequest";
    public static final String UNAUTHORIZED = "Unauthorized";
    public static final String FORBIDDEN = "Forbidden";
    public static final String NOT_FOUND = "NotFound";
    public static final String CONFLICT = "Conflict";
    public static final String TOO_LARGE = "PayloadTooLarge";
    public static final String UNSUPPORTED_TYPE = "UnsupportedMediaType";
    public static final String UNAVAILABLE = "ServiceUnavailable";
    public static final String TOO_MANY = "TooManyRequests";

    private ApiDoc() {
    }
}
