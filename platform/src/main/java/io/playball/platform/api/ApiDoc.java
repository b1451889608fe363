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
    /**
     * For {@code @Pattern} on every text field: no C0 control character (U+0000 to U+001F) and no DEL. PostgreSQL
     * refuses NUL in text, and none of them belongs in a name or a password. Written so that Java and the
     * ECMAScript regular expressions of OpenAPI read it alike.
     */
    public static final String PLAIN_TEXT = "[^\\u0000-\\u001F\\u007F]*";
    public static final String PLAIN_TEXT_MESSAGE = "must not contain control characters (U+0000 to U+001F, U+007F)";

    private ApiDoc() {
    }
}
