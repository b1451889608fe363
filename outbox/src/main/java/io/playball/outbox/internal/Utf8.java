package io.playball.outbox.internal;

/** A string's size in UTF-8, counted without encoding it. */
final class Utf8 {

    private Utf8() {
    }

    /** Whether {@code text} takes at most {@code limit} bytes; one of n chars takes at most 3n, and is not counted. */
    static boolean fits(String text, long limit) {
        return text.length() * 3L <= limit || length(text) <= limit;
    }

    /** Its length in UTF-8 (a lone surrogate counts 3, more than the one byte its replacement takes). */
    static long length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
