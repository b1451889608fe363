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
 * start with {@code dev-only-}), while fault injection is on, while the broker is reached in PLAINTEXT or while a
 * service logs in to PostgreSQL as its superuser: it logs what to change and exits with status 78 (EX_CONFIG).
 * Failing only the application would leave a server whose readiness is UP with nothing behind it. The last two have
 * an explicit opt-out, which is then logged as a warning at every start. In any mode it refuses a broker login that the
 * JAAS lines of messaging.xml cannot quote.
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
    static final String BROKER_PROTOCOL = "kafka.security.protocol";
    static final List<String> DATABASE_LOGINS = List.of("auth.db.user", "groups.db.user");
    static final String POSTGRES_SUPERUSER = "postgres";
    /** The broker logins messaging.xml writes into JAAS lines, one user and password per principal. */
    static final List<String> KAFKA_LOGINS = List.of("kafka.auth.user", "kafka.auth.password", "kafka.groups.user",
            "kafka.groups.password");
    static final String ALLOW_PLAINTEXT_BROKER = "playball.production.allow-plaintext-broker";
    static final String ALLOW_DATABASE_SUPERUSER = "playball.production.allow-database-superuser";

    private static final Logger LOG = Logger.getLogger(DevSecretsGuard.class.getName());

    /** Before anything else starts (the schema migration included). */
    void check(@Observes @Priority(100) Startup startup) {
        Config config = ConfigProvider.getConfig();
        boolean production = config.getOptionalValue("playball.production", Boolean.class).orElse(true);
        Function<String, Optional<String>> lookup = name -> config.getOptionalValue(name, String.class);
        List<String> refusals = refusals(production, lookup);
        if (refusals.isEmpty()) {
            optedOut(production, lookup).forEach(LOG::warning);
        } else {
            String message = (production ? "Production mode (PLAYBALL_PRODUCTION, on unless set to false)"
                    : "The server") + " refuses to run: " + String.join("; ", refusals) + "; the server stops";
            LOG.severe(message);
            // on a thread of its own: exit runs Liberty's shutdown, which waits for this start to end
            Thread exit = new Thread(() -> System.exit(EX_CONFIG), "playball-dev-secrets-guard");
            exit.setDaemon(true);
            exit.start();
            throw new IllegalStateException(message);
        }
    }

    /** What production mode refuses in this configuration; outside it, only a broker login that cannot work. */
    static List<String> refusals(boolean production, Function<String, Optional<String>> lookup) {
        List<String> refusals = new ArrayList<>();
        List<String> unquotable = unquotableKafkaLogins(lookup);
        if (!unquotable.isEmpty()) {
            refusals.add("the broker logins in messaging.xml cannot quote \" or \\: set " + String.join(", ",
                    unquotable.stream().map(DevSecretsGuard::environmentName).toList()) + " without them");
        }
        if (!production) {
            return refusals;
        }
        List<String> devOnly = devOnlySecrets(lookup);
        if (!devOnly.isEmpty()) {
            refusals.add("dev-only passwords: set " + String.join(", ",
                    devOnly.stream().map(DevSecretsGuard::environmentName).toList()));
        }
        if (lookup.apply(FAULT_INJECTION).map(FaultInjectionSwitch::isTrue).orElse(false)) {
            refusals.add("fault injection is on: unset " + environmentName(FAULT_INJECTION));
        }
        if (plaintextBroker(lookup) && !allowed(lookup, ALLOW_PLAINTEXT_BROKER)) {
            refusals.add("the broker is reached in PLAINTEXT, where anyone on the network can write user-events: set"
                    + " KAFKA_SECURITY_PROTOCOL (SASL_SSL), or " + environmentName(ALLOW_PLAINTEXT_BROKER) + "=true");
        }
        List<String> superusers = superuserLogins(lookup);
        if (!superusers.isEmpty() && !allowed(lookup, ALLOW_DATABASE_SUPERUSER)) {
            refusals.add("a service logs in to PostgreSQL as the superuser postgres: set " + String.join(", ",
                    superusers.stream().map(DevSecretsGuard::environmentName).toList()) + " to its own role"
                    + " (ops/postgresql/roles.sql), or " + environmentName(ALLOW_DATABASE_SUPERUSER) + "=true");
        }
        return refusals;
    }

    /** The risks production mode was told to accept: logged at every start, so that they are not forgotten. */
    static List<String> optedOut(boolean production, Function<String, Optional<String>> lookup) {
        List<String> warnings = new ArrayList<>();
        if (!production) {
            return warnings;
        }
        if (plaintextBroker(lookup) && allowed(lookup, ALLOW_PLAINTEXT_BROKER)) {
            warnings.add("Production mode runs with a PLAINTEXT broker (" + environmentName(ALLOW_PLAINTEXT_BROKER)
                    + "): anyone on the network can write user-events");
        }
        if (!superuserLogins(lookup).isEmpty() && allowed(lookup, ALLOW_DATABASE_SUPERUSER)) {
            warnings.add("Production mode runs as PostgreSQL's superuser (" + environmentName(ALLOW_DATABASE_SUPERUSER)
                    + "): each service can read and change the other's tables");
        }
        return warnings;
    }

    /**
     * The broker user names and passwords that messaging.xml cannot put in its JAAS lines: it writes each between
     * double quotes as it is, so a {@code "} ends the value early and a backslash escapes the next character. The
     * channels would then log in with another password than the one configured, or not parse at all.
     */
    static List<String> unquotableKafkaLogins(Function<String, Optional<String>> lookup) {
        if (!lookup.apply(BROKER_PROTOCOL).orElse("PLAINTEXT").trim().toUpperCase().startsWith("SASL_")) {
            return List.of();
        }
        return KAFKA_LOGINS.stream()
                .filter(name -> lookup.apply(name).map(v -> v.contains("\"") || v.contains("\\")).orElse(false))
                .toList();
    }

    /** Liberty's connector takes PLAINTEXT when nothing else is set. */
    private static boolean plaintextBroker(Function<String, Optional<String>> lookup) {
        return lookup.apply(BROKER_PROTOCOL).orElse("PLAINTEXT").trim().equalsIgnoreCase("PLAINTEXT");
    }

    /** The services' database logins that are PostgreSQL's superuser (db.user defaults to it). */
    private static List<String> superuserLogins(Function<String, Optional<String>> lookup) {
        if (!lookup.apply("db.kind").orElse("derby").trim().equalsIgnoreCase("postgresql")) {
            return List.of();
        }
        return DATABASE_LOGINS.stream()
                .filter(login -> lookup.apply(login).orElse(POSTGRES_SUPERUSER).trim().equals(POSTGRES_SUPERUSER))
                .toList();
    }

    private static boolean allowed(Function<String, Optional<String>> lookup, String optOut) {
        return lookup.apply(optOut).map(FaultInjectionSwitch::isTrue).orElse(false);
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
