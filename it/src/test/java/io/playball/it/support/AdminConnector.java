package io.playball.it.support;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The server administrator's channel: MBean operations through Liberty's REST connector, over HTTPS, as the
 * administrator-role user (the same credentials as Admin Center), the way an operator runs them with curl. The test
 * server's certificate is generated at its first start, so this client trusts any.
 */
public final class AdminConnector {

    public static final String USER = System.getProperty("playball.admin.user", "admin");
    public static final String PASSWORD = System.getProperty("playball.admin.password", "dev-only-admin-password");
    private static final String OPERATORS = "io.playball:type=Operators";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .sslContext(trustingAnyCertificate())
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private AdminConnector() {
    }

    public static String httpsBase() {
        return "https://localhost:" + System.getProperty("playball.https.port", "9443");
    }

    /** Grants the operator role to an account; returns the MBean's answer. */
    public static String grantOperator(String accountId) {
        return value(invoke(OPERATORS, "grant", accountId, USER, PASSWORD));
    }

    public static String revokeOperator(String accountId) {
        return value(invoke(OPERATORS, "revoke", accountId, USER, PASSWORD));
    }

    /** POST .../mbeans/{name}/operations/{operation} with one String argument, as {@code user}. */
    public static HttpResponse<String> invoke(String objectName, String operation, String argument, String user,
                                              String password) {
        return invoke(httpsBase(), objectName, operation, argument, user, password);
    }

    /** The same on another server. */
    public static HttpResponse<String> invoke(String httpsBase, String objectName, String operation, String argument,
                                              String user, String password) {
        String body = "{\"params\":[{\"value\":\"" + argument + "\",\"type\":\"java.lang.String\"}],"
                + "\"signature\":[\"java.lang.String\"]}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpsBase + "/IBMJMXConnectorREST/mbeans/"
                        + URLEncoder.encode(objectName, StandardCharsets.UTF_8) + "/operations/" + operation))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String value(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("the REST connector answered " + response.statusCode() + ": " + response.body());
        }
        JsonObject answer = Json.parse(response.body());
        return answer.getString("value");
    }

    private static SSLContext trustingAnyCertificate() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
