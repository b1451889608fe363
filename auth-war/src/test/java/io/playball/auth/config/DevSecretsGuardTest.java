package io.playball.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DevSecretsGuardTest {

    private static final Map<String, String> DEV = Map.of(
            "admin.password", "dev-only-admin-password", "auth.db.password", "dev-only-not-a-secret",
            "groups.db.password", "dev-only-not-a-secret", "keystore_password", "dev-only-keystore-password");
    /** What a deployment sets for the broker: the refusals below are then about the rest alone. */
    private static final Map<String, String> SECURED_BROKER = Map.of(DevSecretsGuard.BROKER_PROTOCOL, "SASL_SSL");

    @Test
    void outsideProductionTheDevDefaultsFaultInjectionAndAPlaintextBrokerAreAccepted() {
        Map<String, String> dev = new HashMap<>(DEV);
        dev.put(DevSecretsGuard.FAULT_INJECTION, "true");
        dev.put("db.kind", "postgresql");
        assertEquals(List.of(), DevSecretsGuard.refusals(false, name -> Optional.ofNullable(dev.get(name))));
        assertEquals(List.of(), DevSecretsGuard.optedOut(false, name -> Optional.ofNullable(dev.get(name))));
    }

    @Test
    void inAnyModeABrokerLoginWithAQuoteOrABackslashIsRefused() {
        Map<String, String> config = Map.of(DevSecretsGuard.BROKER_PROTOCOL, "SASL_SSL",
                "kafka.auth.password", "ends-the-value\"early", "kafka.groups.password", "escapes\\the-next",
                "kafka.auth.user", "plain-name");
        for (boolean production : List.of(true, false)) {
            assertEquals(List.of("the broker logins in messaging.xml cannot quote \" or \\: set KAFKA_AUTH_PASSWORD,"
                            + " KAFKA_GROUPS_PASSWORD without them"),
                    DevSecretsGuard.refusals(production, with(config, Map.of())), "production: " + production);
        }
    }

    @Test
    void withAPlaintextBrokerNoLoginIsSentSoNoneIsRefused() {
        Map<String, String> config = Map.of(DevSecretsGuard.ALLOW_PLAINTEXT_BROKER, "true",
                "kafka.auth.password", "a\"b");
        assertEquals(List.of(), DevSecretsGuard.refusals(true, with(config, Map.of())));
    }

    @Test
    void inProductionEachDevOnlyPasswordIsNamedWithItsVariable() {
        assertEquals(List.of("dev-only passwords: set ADMIN_PASSWORD, AUTH_DB_PASSWORD, GROUPS_DB_PASSWORD,"
                + " KEYSTORE_PASSWORD"), DevSecretsGuard.refusals(true, with(DEV, SECURED_BROKER)));
    }

    @Test
    void inProductionFaultInjectionIsRefused() {
        assertEquals(List.of("fault injection is on: unset PLAYBALL_FAULT_INJECTION_ENABLED"),
                DevSecretsGuard.refusals(true, with(Map.of(DevSecretsGuard.FAULT_INJECTION, "true"), SECURED_BROKER)));
    }

    @Test
    void inProductionFaultInjectionIsRefusedWhateverWordTurnsItOn() {
        for (String on : List.of("true", "1", "yes", "Y", "ON", " on ")) {
            assertEquals(List.of("fault injection is on: unset PLAYBALL_FAULT_INJECTION_ENABLED"),
                    DevSecretsGuard.refusals(true, with(Map.of(DevSecretsGuard.FAULT_INJECTION, on), SECURED_BROKER)),
                    on);
        }
    }

    @Test
    void inProductionAPlaintextBrokerIsRefusedUnlessAllowedAndThenWarnedAbout() {
        for (Map<String, String> plaintext : List.of(Map.<String, String>of(),
                Map.of(DevSecretsGuard.BROKER_PROTOCOL, "plaintext"))) {
            List<String> refusals = DevSecretsGuard.refusals(true, with(plaintext, Map.of()));
            assertEquals(1, refusals.size(), refusals.toString());
            assertTrue(refusals.get(0).contains("KAFKA_SECURITY_PROTOCOL")
                    && refusals.get(0).contains("PLAYBALL_PRODUCTION_ALLOW_PLAINTEXT_BROKER=true"), refusals.get(0));
        }
        Function<String, Optional<String>> allowed =
                with(Map.of(DevSecretsGuard.ALLOW_PLAINTEXT_BROKER, "true"), Map.of());
        assertEquals(List.of(), DevSecretsGuard.refusals(true, allowed));
        List<String> warnings = DevSecretsGuard.optedOut(true, allowed);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("PLAINTEXT"), warnings.get(0));
    }

    @Test
    void inProductionThePostgresSuperuserIsRefusedUnlessAllowedAndThenWarnedAbout() {
        Map<String, String> superuser = Map.of("db.kind", "postgresql", "groups.db.user", "playball_groups");
        List<String> refusals = DevSecretsGuard.refusals(true, with(superuser, SECURED_BROKER));
        assertEquals(1, refusals.size(), refusals.toString());
        assertTrue(refusals.get(0).contains("set AUTH_DB_USER to its own role"), refusals.get(0));

        Function<String, Optional<String>> allowed = with(superuser,
                Map.of(DevSecretsGuard.BROKER_PROTOCOL, "SASL_SSL", DevSecretsGuard.ALLOW_DATABASE_SUPERUSER, "true"));
        assertEquals(List.of(), DevSecretsGuard.refusals(true, allowed));
        assertEquals(1, DevSecretsGuard.optedOut(true, allowed).size());
    }

    @Test
    void inProductionOwnRolesAndDerbyPass() {
        Map<String, String> roles = Map.of("db.kind", "postgresql", "auth.db.user", "playball_auth",
                "groups.db.user", "playball_groups");
        assertEquals(List.of(), DevSecretsGuard.refusals(true, with(roles, SECURED_BROKER)));
        assertEquals(List.of(), DevSecretsGuard.refusals(true, with(Map.of("db.kind", "derby"), SECURED_BROKER)));
        assertEquals(List.of(), DevSecretsGuard.optedOut(true, with(roles, SECURED_BROKER)));
    }

    @Test
    void inProductionRealPasswordsAndAbsentOnesPass() {
        Map<String, String> real = Map.of("admin.password", "a long operator secret",
                DevSecretsGuard.FAULT_INJECTION, "false");
        assertEquals(List.of(), DevSecretsGuard.refusals(true, with(real, SECURED_BROKER)));
    }

    @Test
    void theEnvironmentVariableIsNamedAsLibertyMapsIt() {
        assertEquals("ADMIN_PASSWORD", DevSecretsGuard.environmentName("admin.password"));
    }

    private static Function<String, Optional<String>> with(Map<String, String> settings, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(more);
        return name -> Optional.ofNullable(all.get(name));
    }
}
