package io.playball.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.microshed.testing.ManuallyStartedConfiguration;

/**
 * Raw HTTP against the running server (HTTP/1.1, so bad bodies and headers reach it exactly as written). The base
 * URL comes from MicroShed Testing's manually-started environment.
 */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private Api() {
    }

    public static String baseUrl() {
        return "http://" + ManuallyStartedConfiguration.getHostname() + ":" + ManuallyStartedConfiguration.getHttpPort();
    }

    public static HttpResponse<String> send(String method, String path, String token, String contentType, String body,
                                            Map<String, String> headers) {
        return sendTo(baseUrl(), method, path, token, contentType, body, headers);
    }

    /** The same against another server (a second Liberty server with the same application). */
    public static HttpResponse<String> sendTo(String base, String method, String path, String token,
                                               String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json, application/problem+json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::setHeader);  // may replace the default Accept
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the server reports ready (applications started, schema migrated). Idempotent and cheap. */
    public static void awaitReady() {
        Poll.until("the server at " + baseUrl() + " to be ready", Duration.ofSeconds(120),
                () -> get("/health/ready", null), response -> response.statusCode() == 200);
    }

    public static HttpResponse<String> postJson(String path, String body) {
        return send("POST", path, null, "application/json", body, Map.of());
    }

    public static HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    public static HttpResponse<String> putJson(String path, String token, String body) {
        return send("PUT", path, token, "application/json", body, Map.of());
    }

    public static HttpResponse<String> delete(String path, String token) {
        return send("DELETE", path, token, null, null, Map.of());
    }
}
