package io.playball.platform.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;

/** Request bodies are small JSON documents: anything over 16 KiB is refused with 413. */
final class BodySizeLimit {

    static final int MAX_BYTES = 16 * 1024;

    private BodySizeLimit() {
    }

    static WebApplicationException tooLarge() {
        return new WebApplicationException(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                "The request body is larger than " + MAX_BYTES + " bytes").toResponse());
    }

    /**
     * The declared length, or -1 if none. Parsed defensively: over h2c Liberty has been seen to present the header
     * as "20534,20534".
     */
    static long declaredLength(String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String first = header.split(",", 2)[0].strip();
        try {
            return Long.parseLong(first);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
