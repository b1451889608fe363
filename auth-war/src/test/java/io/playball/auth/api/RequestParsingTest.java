package io.playball.auth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

/** How request bodies are read: strings must be JSON strings, display names are trimmed, lengths parse safely. */
class RequestParsingTest {

    private final Jsonb jsonb = StrictJsonb.create();

    @Test
    void aNumberWhereAStringBelongsIsRejected() {
        assertThrows(JsonbException.class, () -> jsonb.fromJson(
                "{\"username\":\"a@b.test\",\"displayName\":\"A\",\"password\":123456789012}", RegistrationRequest.class));
        assertThrows(JsonbException.class, () -> jsonb.fromJson(
                "{\"username\":[\"a@b.test\"],\"displayName\":\"A\",\"password\":\"123456789012\"}", RegistrationRequest.class));
    }

    @Test
    void stringsAreReadAndTheDisplayNameTrimmed() {
        RegistrationRequest r = jsonb.fromJson(
                "{\"username\":\" a@b.test \",\"displayName\":\"  Ada  \",\"password\":\"123456789012\",\"extra\":1}",
                RegistrationRequest.class);
        assertEquals("a@b.test", r.username());
        assertEquals("Ada", r.displayName());
        assertEquals("123456789012", r.password());
    }

    @Test
    void nullStaysNull() {
        RegistrationRequest r = jsonb.fromJson("{\"username\":null}", RegistrationRequest.class);
        assertEquals(null, r.username());
    }

    @Test
    void contentLengthIsParsedDefensively() {
        assertEquals(20534, BodySizeLimit.declaredLength("20534,20534"));
        assertEquals(12, BodySizeLimit.declaredLength(" 12 "));
        assertEquals(-1, BodySizeLimit.declaredLength("twelve"));
        assertEquals(-1, BodySizeLimit.declaredLength(null));
    }
}
