package io.playball.auth.account;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (RFC 9106) by Bouncy Castle, stored in the PHC string format that the reference implementation and most
 * libraries read: {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, Base64 without padding. A stored
 * hash carries its own parameters, so hashes made under older ones still verify.
 */
final class Argon2idHash {

    static final String PREFIX = "$argon2id$";
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    /** Memory in KiB, passes over it, and lanes: the cost of one hash. */
    record Parameters(int memoryKiB, int iterations, int parallelism) {
        Parameters {
            if (parallelism < 1 || iterations < 1 || memoryKiB < 8 * parallelism) {
                throw new IllegalArgumentException("invalid Argon2id parameters: " + this);
            }
        }

        @Override
        public String toString() {
            return "m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism;
        }
    }

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();

    Argon2idHash(Parameters parameters) {
        this.parameters = parameters;
    }

    String generate(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, parameters, HASH_BYTES);
        return PREFIX + "v=19$" + parameters + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /** True if {@code stored} is an Argon2id PHC string and the password matches it; false for anything else. */
    boolean verify(char[] password, String stored) {
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        Parameters p = new Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        byte[] expected = DECODER.decode(m.group(5));
        byte[] actual = derive(password, DECODER.decode(m.group(4)), p, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** True if {@code stored} was made by this scheme with the parameters in force now. */
    boolean isCurrent(String stored) {
        Matcher m = PHC.matcher(stored);
        return m.matches() && (m.group(1) + "," + m.group(2) + "," + m.group(3)).equals(
                parameters.memoryKiB() + "," + parameters.iterations() + "," + parameters.parallelism());
    }

    private static byte[] derive(char[] password, byte[] salt, Parameters p, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);  // as UTF-8, the parameters' default
        return out;
    }
}
