package io.playball.auth.api;

import jakarta.ws.rs.core.MediaType;

/** Names of the shared OpenAPI components (declared on the application class), for the resources' annotations. */
final class ApiDoc {

    static final String JSON = MediaType.APPLICATION_JSON;
    static final String BEARER = "bearer";
    static final String BAD_REQUEST = "BadRequest";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String FORBIDDEN = "Forbidden";
    static final String NOT_FOUND = "NotFound";
    static final String CONFLICT = "Conflict";
    static final String TOO_LARGE = "PayloadTooLarge";
    static final String UNSUPPORTED_TYPE = "UnsupportedMediaType";
    static final String UNAVAILABLE = "ServiceUnavailable";
    static final String TOO_MANY = "TooManyRequests";

    private ApiDoc() {
    }
}
