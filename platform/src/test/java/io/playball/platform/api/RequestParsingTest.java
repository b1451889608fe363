package io.playball.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

/** How request bodies are read: strings must be JSON strings, unknown fields are ignored, lengths parse safely. */
class RequestParsingTest {

    private final Jsonb jsonb = StrictJsonb.create();

    public record Sample(String username, String password) {
    }

    @Test
    void aNumberOrAnArrayWhereAStringBelongsIsRejected() {
        assertThrows(JsonbException.class, () -> jsonb.fromJson(
                "{\"username\":\"a@b.test\",\"password\":123456789012}", Sample.class));
        assertThrows(JsonbException.class, () -> jsonb.fromJson(
                "{\"username\":[\"a@b.test\"],\"password\":\"123456789012\"}", Sample.class));
    }

    @Test
    void stringsAreReadAndUnknownFieldsIgnored() {
        Sample s = jsonb.fromJson("{\"username\":\"a@b.test\",\"password\":\"123456789012\",\"extra\":1}",
                Sample.class);
        assertEquals("a@b.test", s.username());
        assertEquals("123456789012", s.password());
    }

    @Test
    void nullStaysNull() {
        assertEquals(null, jsonb.fromJson("{\"username\":null}", Sample.class).username());
    }

    @Test
    void contentLengthIsParsedDefensively() {
        assertEquals(20534, BodySizeLimit.declaredLength("20534,20534"));
        assertEquals(12, BodySizeLimit.declaredLength(" 12 "));
        assertEquals(-1, BodySizeLimit.declaredLength("twelve"));
        assertEquals(-1, BodySizeLimit.declaredLength(null));
    }
}
