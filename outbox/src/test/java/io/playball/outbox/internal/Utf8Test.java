package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void countsAsTheEncoderEncodes() {
        for (String text : new String[] {"", "Ada", "Zo\u00eb", "\u20ac 5", "\ud83c\udfbe serve", "\u65e5\u672c"}) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text), text);
        }
    }

    @Test
    void aStringFitsWhenItsBytesDoNotExceedTheLimit() {
        assertTrue(Utf8.fits("\u20ac\u20ac", 6));
        assertFalse(Utf8.fits("\u20ac\u20ac", 5));
        assertTrue(Utf8.fits("ab", 2), "short enough to fit whatever its characters");
    }
}
