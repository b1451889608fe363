package io.playball.it.support;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

/**
 * Hand-made JWTs for the authorization tests: signed with the server's own key (read from the dev key store the
 * server generated, with the password liberty:create wrote into server.env), with a stranger's key, or not at all.
 */
public final class Tokens {

    private static final String ISSUER = "https://playball.local/auth";
    private static final String AUDIENCE = "[\"playball-groups\",\"playball-auth\"]";
    private static final Path SERVER_DIR = Path.of(System.getProperty("playball.server.dir",
            "target/liberty/wlp/usr/servers/playball"));

    private Tokens() {
    }

    /** A token as auth would issue it, valid until {@code expiresAt}, signed with the server's key. */
    public static String signedByServer(String userId, Instant expiresAt) {
        return sign(claims(userId, expiresAt), serverKey());
    }

    /** A well-formed token signed by a key the server does not trust. */
    public static String forged(String userId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims(userId, Instant.now().plusSeconds(600)), generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}). */
    public static String unsigned(String userId) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(claims(userId, Instant.now().plusSeconds(600))) + ".";
    }

    private static String claims(String userId, Instant expiresAt) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":" + AUDIENCE + ",\"sub\":\"" + userId + "\",\"upn\":\"" + userId
                + "@example.test\",\"groups\":[\"user\"],\"iat\":" + Math.min(now, expiresAt.getEpochSecond() - 60)
                + ",\"exp\":" + expiresAt.getEpochSecond() + ",\"jti\":\"" + java.util.UUID.randomUUID() + "\"}";
    }

    private static String sign(String claims, PrivateKey key) {
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey serverKey() {
        try {
            String password = Files.readAllLines(SERVER_DIR.resolve("server.env")).stream()
                    .filter(l -> l.startsWith("keystore_password="))
                    .map(l -> l.substring("keystore_password=".length()).strip())
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no keystore_password in server.env"));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (FileInputStream in = new FileInputStream(SERVER_DIR.resolve("resources/security/key.p12").toFile())) {
                store.load(in, password.toCharArray());
            }
            return (PrivateKey) store.getKey("default", password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the server's dev key store under " + SERVER_DIR, e);
        }
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
