package io.playball.auth.api;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the AsyncAPI document of {@code user-events} at {@code /auth/asyncapi}, as the OpenAPI document is served at
 * {@code /openapi}: auth owns the topic, so auth publishes its contract. Public, like the topic's consumers' needs.
 */
@WebServlet(urlPatterns = "/asyncapi")
public class AsyncApiDocument extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String RESOURCE = "/asyncapi.yaml";

    private final byte[] document = load();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        response.setContentType("application/yaml");
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }

    private static byte[] load() {
        try (InputStream in = AsyncApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
