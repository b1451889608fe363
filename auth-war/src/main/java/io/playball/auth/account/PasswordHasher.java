package io.playball.auth.account;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Hashes and verifies passwords with Jakarta Security's PBKDF2 (HMAC-SHA512, 32-byte salt and key). */
@ApplicationScoped
public class PasswordHasher {

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA512; lower it only for tests. */
    @Inject
    @ConfigProperty(name = "playball.password.hash.iterations", defaultValue = "210000")
    int iterations;

    /** Verified against when the username is unknown, so that the answer takes as long as for a wrong password. */
    private String decoy;

    @PostConstruct
    void init() {
        pbkdf2.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
                "Pbkdf2PasswordHash.Iterations", Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        decoy = pbkdf2.generate("decoy password that matches nothing".toCharArray());
    }

    public String hash(String password) {
        return pbkdf2.generate(password.toCharArray());
    }

    public boolean verify(String password, String hash) {
        return pbkdf2.verify(password.toCharArray(), hash);
    }

    /** Spends the time of a verification without a stored hash. */
    public void verifyDecoy(String password) {
        pbkdf2.verify(password.toCharArray(), decoy);
    }
}
