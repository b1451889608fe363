package io.playball.auth.config;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * In production mode ({@code PLAYBALL_PRODUCTION=true}) the server refuses to run while a password still has one of
 * the dev-only defaults that README documents (they all start with {@code dev-only-}): it logs which to set and exits
 * with status 78 (EX_CONFIG). Failing only the application would leave a server whose readiness is UP with nothing
 * behind it, and the Admin Center open with the documented password.
 */
@ApplicationScoped
public class DevSecretsGuard {

    static final String DEV_ONLY_PREFIX = "dev-only-";
    /** sysexits.h: configuration error. */
    static final int EX_CONFIG = 78;
    /** Server variables holding a secret (db.password exists only with the PostgreSQL configuration). */
    static final List<String> SECRETS = List.of("admin.password", "db.password", "keystore_password");

    private static final Logger LOG = Logger.getLogger(DevSecretsGuard.class.getName());

    /** Before anything else starts (the schema migration included). */
    void check(@Observes @Priority(100) Startup startup) {
        Config config = ConfigProvider.getConfig();
        boolean production = config.getOptionalValue("playball.production", Boolean.class).orElse(false);
        List<String> devOnly = devOnlySecrets(production, name -> config.getOptionalValue(name, String.class));
        if (!devOnly.isEmpty()) {
            String message = "Production mode (PLAYBALL_PRODUCTION=true) with dev-only passwords: set "
                    + String.join(", ", devOnly.stream().map(DevSecretsGuard::environmentName).toList())
                    + "; the server stops";
            LOG.severe(message);
            // on a thread of its own: exit runs Liberty's shutdown, which waits for this start to end
            Thread exit = new Thread(() -> System.exit(EX_CONFIG), "playball-dev-secrets-guard");
            exit.setDaemon(true);
            exit.start();
            throw new IllegalStateException(message);
        }
    }

    /** The secrets that still have a dev-only value; none outside production mode. */
    static List<String> devOnlySecrets(boolean production, Function<String, Optional<String>> lookup) {
        if (!production) {
            return List.of();
        }
        return SECRETS.stream()
                .filter(name -> lookup.apply(name).map(v -> v.startsWith(DEV_ONLY_PREFIX)).orElse(false))
                .toList();
    }

    static String environmentName(String variable) {
        return variable.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
