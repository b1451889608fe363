package io.playball.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevSecretsGuardTest {

    private static final Map<String, String> DEV = Map.of(
            "admin.password", "dev-only-admin-password", "auth.db.password", "dev-only-not-a-secret",
            "groups.db.password", "dev-only-not-a-secret", "keystore_password", "dev-only-keystore-password");

    @Test
    void outsideProductionTheDevDefaultsAndFaultInjectionAreAccepted() {
        Map<String, String> dev = new HashMap<>(DEV);
        dev.put(DevSecretsGuard.FAULT_INJECTION, "true");
        assertEquals(List.of(), DevSecretsGuard.refusals(false, name -> Optional.ofNullable(dev.get(name))));
    }

    @Test
    void inProductionEachDevOnlyPasswordIsNamedWithItsVariable() {
        assertEquals(List.of("dev-only passwords: set ADMIN_PASSWORD, AUTH_DB_PASSWORD, GROUPS_DB_PASSWORD,"
                + " KEYSTORE_PASSWORD"),
                DevSecretsGuard.refusals(true, name -> Optional.ofNullable(DEV.get(name))));
    }

    @Test
    void inProductionFaultInjectionIsRefused() {
        Map<String, String> faults = Map.of(DevSecretsGuard.FAULT_INJECTION, "true");
        assertEquals(List.of("fault injection is on: unset PLAYBALL_FAULT_INJECTION_ENABLED"),
                DevSecretsGuard.refusals(true, name -> Optional.ofNullable(faults.get(name))));
    }

    @Test
    void inProductionRealPasswordsAndAbsentOnesPass() {
        Map<String, String> real = Map.of("admin.password", "a long operator secret",
                DevSecretsGuard.FAULT_INJECTION, "false");
        assertEquals(List.of(), DevSecretsGuard.refusals(true, name -> Optional.ofNullable(real.get(name))));
    }

    @Test
    void theEnvironmentVariableIsNamedAsLibertyMapsIt() {
        assertEquals("ADMIN_PASSWORD", DevSecretsGuard.environmentName("admin.password"));
    }
}
