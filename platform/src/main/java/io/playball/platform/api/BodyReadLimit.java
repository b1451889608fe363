package io.playball.platform.api;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Counts what is actually read, for bodies without a Content-Length (chunked). A separate provider from
 * {@link ContentLengthFilter}: in one class Liberty did not run the interceptor.
 */
@Provider
public class BodyReadLimit implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readNBytes(BodySizeLimit.MAX_BYTES + 1);
        if (body.length > BodySizeLimit.MAX_BYTES) {
            throw BodySizeLimit.tooLarge();
        }
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
