package io.playball.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevSecretsGuardTest {

    private static final Map<String, String> DEV = Map.of(
            "admin.password", "dev-only-admin-password", "db.password", "dev-only-not-a-secret",
            "keystore_password", "dev-only-keystore-password");

    @Test
    void outsideProductionTheDevDefaultsAreAccepted() {
        assertEquals(List.of(), DevSecretsGuard.devOnlySecrets(false, name -> Optional.ofNullable(DEV.get(name))));
    }

    @Test
    void inProductionEachDevOnlyPasswordIsNamed() {
        assertEquals(List.of("admin.password", "db.password", "keystore_password"),
                DevSecretsGuard.devOnlySecrets(true, name -> Optional.ofNullable(DEV.get(name))));
    }

    @Test
    void inProductionRealPasswordsAndAbsentOnesPass() {
        Map<String, String> real = Map.of("admin.password", "a long operator secret");
        assertEquals(List.of(), DevSecretsGuard.devOnlySecrets(true, name -> Optional.ofNullable(real.get(name))));
    }

    @Test
    void theEnvironmentVariableIsNamedAsLibertyMapsIt() {
        assertEquals("ADMIN_PASSWORD", DevSecretsGuard.environmentName("admin.password"));
    }
}
