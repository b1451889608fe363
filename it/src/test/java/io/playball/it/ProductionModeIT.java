package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.AdminConnector;
import io.playball.it.support.Api;
import io.playball.it.support.Poll;
import io.playball.it.support.SecondServer;
import io.playball.it.support.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Production mode is what a server gets unless the developer command or the tests say otherwise. A second server
 * (same EAR and configuration, own ports; own Derby files on Derby) is started without the test server's
 * {@code playball.production=false}: with the test server's dev-only administrator password and fault injection it
 * logs what to change and exits; with neither, and Admin Center left at its default, it runs, and neither Admin
 * Center nor the REST connector answers.
 */
@MicroShedTest
class ProductionModeIT {

    /** Not production mode: the one setting every server the developer command or the tests start has. */
    private static final String NOT_PRODUCTION = "playball.production";
    private static final String DEPLOYMENT_SECRET = "a-deployment-secret";
    /** Its own consumer group: in the test server's, it would take partitions (and their records) from that server. */
    private static final String OWN_GROUP = "playball-production-mode-it";

    @AfterEach
    void stop() {
        SecondServer.stopIfRunning();
    }

    @Test
    void byDefaultDevOnlyPasswordsAndFaultInjectionAreRefused() {
        SecondServer.launch(Map.of("MP_MESSAGING_INCOMING_USER_EVENTS_IN_GROUP_ID", OWN_GROUP), Set.of(NOT_PRODUCTION));
        String refusal = Poll.until("the refusal in the second server's log", Duration.ofSeconds(180),
                ProductionModeIT::messages, log -> log.contains("refuses to run"));
        assertTrue(refusal.contains("dev-only passwords: set ADMIN_PASSWORD"), "names the variable to set");
        assertTrue(refusal.contains("fault injection is on"), "names fault injection");
        assertTrue(refusal.contains("the broker is reached in PLAINTEXT"), "names the unauthenticated broker");
        Poll.until("the second server's process to exit", Duration.ofSeconds(90), () -> !SecondServer.isRunning());
        assertThrows(UncheckedIOException.class, () -> Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready",
                null, null, null, Map.of()), "nothing answers on its port");
    }

    @Test
    void byDefaultAdminCenterAndTheRestConnectorAreOff() throws IOException {
        // a deployment's own signing key store; DB_PASSWORD: on PostgreSQL the dev-only default would be refused
        // (trust authentication ignores it)
        Path signing = Files.createTempDirectory("playball-signing").resolve("signing.p12");
        Tokens.addSigningKey(signing, "deployment-1", DEPLOYMENT_SECRET);
        // the tests' broker is PLAINTEXT: allowed explicitly, as a deployment that accepts the risk would
        SecondServer.launch(Map.of("DB_PASSWORD", DEPLOYMENT_SECRET, "JWT_SIGNING_KEYSTORE", signing.toString(),
                        "JWT_SIGNING_KEYSTORE_PASSWORD", DEPLOYMENT_SECRET,
                        "MP_MESSAGING_INCOMING_USER_EVENTS_IN_GROUP_ID", OWN_GROUP,
                        "PLAYBALL_PRODUCTION_ALLOW_PLAINTEXT_BROKER", "true"),
                Set.of(NOT_PRODUCTION, "playball.fault-injection.enabled", "admin.center", "jwt.signing.keystore"));
        Poll.until("the second server to be ready", Duration.ofSeconds(180), () -> {
            try {
                return Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready", null, null, null, Map.of())
                        .statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
        HttpResponse<String> adminCenter = Api.sendTo(SecondServer.baseUrl(), "GET", "/adminCenter/", null, null,
                null, Map.of());
        assertEquals(404, adminCenter.statusCode(), "no Admin Center");
        HttpResponse<String> connector = AdminConnector.invoke("https://localhost:" + SecondServer.HTTPS_PORT,
                "io.playball:type=Operators", "grant", "anyone", AdminConnector.USER, AdminConnector.PASSWORD);
        assertEquals(404, connector.statusCode(), "no REST connector, so no operator can be granted over it");
        assertTrue(messages().contains("Production mode runs with a PLAINTEXT broker"),
                "the accepted risk is logged at the start");
    }

    private static String messages() {
        try {
            return Files.exists(SecondServer.messagesLog()) ? Files.readString(SecondServer.messagesLog()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
