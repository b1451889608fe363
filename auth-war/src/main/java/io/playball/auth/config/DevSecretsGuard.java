package io.playball.auth.config;

import io.playball.platform.faults.FaultInjectionSwitch;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Production mode is the default ({@code playball.production}; the developer command and the tests turn it off). In
 * it the server refuses to run while a password still has one of the dev-only defaults that the docs print (they all
 * start with {@code dev-only-}), or while fault injection is on: it logs what to change and exits with status 78
 * (EX_CONFIG). Failing only the application would leave a server whose readiness is UP with nothing behind it.
 */
@ApplicationScoped
public class DevSecretsGuard {

    static final String DEV_ONLY_PREFIX = "dev-only-";
    /** sysexits.h: configuration error. */
    static final int EX_CONFIG = 78;
    /**
     * Server variables holding a secret (each exists only where its part of the configuration is included). The
     * database passwords are the two each service logs in with; both default to DB_PASSWORD.
     */
    static final List<String> SECRETS = List.of("admin.password", "auth.db.password", "groups.db.password",
            "keystore_password", "jwt.signing.keystore.password");
    static final String FAULT_INJECTION = FaultInjectionSwitch.PROPERTY;

    private static final Logger LOG = Logger.getLogger(DevSecretsGuard.class.getName());

    /** Before anything else starts (the schema migration included). */
    void check(@Observes @Priority(100) Startup startup) {
        Config config = ConfigProvider.getConfig();
        boolean production = config.getOptionalValue("playball.production", Boolean.class).orElse(true);
        List<String> refusals = refusals(production, name -> config.getOptionalValue(name, String.class));
        if (!refusals.isEmpty()) {
            String message = "Production mode (PLAYBALL_PRODUCTION, on unless set to false) refuses to run: "
                    + String.join("; ", refusals) + "; the server stops";
            LOG.severe(message);
            // on a thread of its own: exit runs Liberty's shutdown, which waits for this start to end
            Thread exit = new Thread(() -> System.exit(EX_CONFIG), "playball-dev-secrets-guard");
            exit.setDaemon(true);
            exit.start();
            throw new IllegalStateException(message);
        }
    }

    /** What production mode refuses in this configuration; nothing outside production mode. */
    static List<String> refusals(boolean production, Function<String, Optional<String>> lookup) {
        List<String> refusals = new ArrayList<>();
        if (!production) {
            return refusals;
        }
        List<String> devOnly = devOnlySecrets(lookup);
        if (!devOnly.isEmpty()) {
            refusals.add("dev-only passwords: set " + String.join(", ",
                    devOnly.stream().map(DevSecretsGuard::environmentName).toList()));
        }
        if (lookup.apply(FAULT_INJECTION).map(Boolean::parseBoolean).orElse(false)) {
            refusals.add("fault injection is on: unset " + environmentName(FAULT_INJECTION));
        }
        return refusals;
    }

    /** The secrets that still have a dev-only value. */
    static List<String> devOnlySecrets(Function<String, Optional<String>> lookup) {
        return SECRETS.stream()
                .filter(name -> lookup.apply(name).map(v -> v.startsWith(DEV_ONLY_PREFIX)).orElse(false))
                .toList();
    }

    static String environmentName(String variable) {
        return variable.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
