package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.Poll;
import io.playball.it.support.SecondServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * A server in production mode that still has the documented dev-only administrator password refuses to run: a
 * second server (same EAR and configuration, own ports and Derby files) started with PLAYBALL_PRODUCTION=true and
 * no ADMIN_PASSWORD logs which variable to set and exits.
 */
@MicroShedTest
class ProductionModeIT {

    @AfterAll
    static void stop() {
        SecondServer.stopIfRunning();
    }

    @Test
    void productionModeWithTheDevAdminPasswordRefusesToRun() {
        SecondServer.launch(Map.of("PLAYBALL_PRODUCTION", "true"));
        String refusal = Poll.until("the refusal in the second server's log", Duration.ofSeconds(180),
                ProductionModeIT::messages, log -> log.contains("dev-only passwords"));
        assertTrue(refusal.contains("set ADMIN_PASSWORD"), "names the variable to set");
        Poll.until("the second server's process to exit", Duration.ofSeconds(90), () -> !SecondServer.isRunning());
        assertThrows(UncheckedIOException.class, () -> Api.sendTo(SecondServer.baseUrl(), "GET", "/health/ready",
                null, null, null, Map.of()), "nothing answers on its port");
    }

    private static String messages() {
        try {
            return Files.exists(SecondServer.messagesLog()) ? Files.readString(SecondServer.messagesLog()) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
