package io.playball.auth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.playball.platform.api.StrictJsonb;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

class RegistrationRequestTest {

    private final Jsonb jsonb = StrictJsonb.create();

    @Test
    void theUsernameAndDisplayNameAreTrimmed() {
        RegistrationRequest r = jsonb.fromJson(
                "{\"username\":\" a@b.test \",\"displayName\":\"  Ada  \",\"password\":\"123456789012\"}",
                RegistrationRequest.class);
        assertEquals("a@b.test", r.username());
        assertEquals("Ada", r.displayName());
    }

    @Test
    void aPasswordGivenAsANumberIsRefused() {
        assertThrows(JsonbException.class, () -> jsonb.fromJson(
                "{\"username\":\"a@b.test\",\"displayName\":\"A\",\"password\":123456789012}",
                RegistrationRequest.class));
    }
}
