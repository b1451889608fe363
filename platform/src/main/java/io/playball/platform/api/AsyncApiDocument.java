package io.playball.platform.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves a service's AsyncAPI document ({@code asyncapi.yaml} at the root of its class path: this class's loader is
 * the service's own) at {@code /<service>/asyncapi}, as the OpenAPI document is served at {@code /openapi}: each
 * service owns the topic it publishes, so it publishes the topic's contract. Public, like the topic's consumers'
 * needs.
 */
@WebServlet(urlPatterns = "/asyncapi")
public class AsyncApiDocument extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String RESOURCE = "/asyncapi.yaml";

    private final byte[] document = load();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        if (document == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType("application/yaml");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    private static byte[] load() {
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;  // a service that publishes no topic
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
