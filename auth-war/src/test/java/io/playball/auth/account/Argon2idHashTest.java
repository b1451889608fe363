package io.playball.auth.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argon2id in the PHC string format, read the way the reference implementation writes it. */
class Argon2idHashTest {

    private final Argon2idHash argon2 = new Argon2idHash(new Argon2idHash.Parameters(64, 2, 1));

    @Test
    void verifiesAHashMadeByTheReferenceImplementation() {
        // echo -n "correct horse battery staple" | argon2 playball-salt-16 -id -t 2 -k 64 -p 1 -l 32
        String reference = "$argon2id$v=19$m=64,t=2,p=1$cGxheWJhbGwtc2FsdC0xNg$"
                + "+SB8PBjVnELFfoxrPN8/m4Y7gZhLYN53LOFUtjpkFqc";
        assertTrue(argon2.verify("correct horse battery staple".toCharArray(), reference));
        assertFalse(argon2.verify("correct horse battery stapler".toCharArray(), reference));
    }

    @Test
    void aHashVerifiesItsPasswordOnlyAndIsSaltedAfresh() {
        String hash = argon2.generate("s3cret ünïcode".toCharArray());

        assertTrue(hash.matches("\\$argon2id\\$v=19\\$m=64,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), hash);
        assertTrue(argon2.verify("s3cret ünïcode".toCharArray(), hash));
        assertFalse(argon2.verify("s3cret unicode".toCharArray(), hash));
        assertNotEquals(hash, argon2.generate("s3cret ünïcode".toCharArray()));
    }

    @Test
    void aHashUnderOtherParametersStillVerifiesButIsNotCurrent() {
        String older = new Argon2idHash(new Argon2idHash.Parameters(32, 1, 1)).generate("pw".toCharArray());

        assertTrue(argon2.verify("pw".toCharArray(), older));
        assertFalse(argon2.isCurrent(older));
        assertTrue(argon2.isCurrent(argon2.generate("pw".toCharArray())));
    }

    @Test
    void anythingElseIsNoMatchAndNotCurrent() {
        for (String stored : new String[] {"", "PBKDF2WithHmacSHA512:1024:c2FsdA==:aGFzaA==", "$argon2i$v=19$m=64,t=2,p=1$"
                + "cGxheWJhbGwtc2FsdC0xNg$+SB8PBjVnELFfoxrPN8/m4Y7gZhLYN53LOFUtjpkFqc", "$argon2id$v=16$m=64,t=2,p=1$x$y"}) {
            assertFalse(argon2.verify("pw".toCharArray(), stored), stored);
            assertFalse(argon2.isCurrent(stored), stored);
        }
    }

    @Test
    void parametersBelowArgon2sMinimumAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Argon2idHash.Parameters(4, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Argon2idHash.Parameters(64, 0, 1));
    }
}
