package io.playball.platform.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/** Refuses a body whose declared Content-Length is over the limit before anything reads it. */
@Provider
@PreMatching
public class ContentLengthFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (BodySizeLimit.declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)) > BodySizeLimit.MAX_BYTES) {
            request.abortWith(BodySizeLimit.tooLarge().getResponse());
        }
    }
}
