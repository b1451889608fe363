package io.playball.it.support;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-made JWTs for the authorization tests: signed with the server's own signing key (the newest in the dev signing
 * key store the build made, with its kid), with a stranger's key, or not at all. Also adds keys to that store, as an
 * operator rotating keys would with keytool.
 */
public final class Tokens {

    private static final String ISSUER = "https://playball.local/auth";
    private static final String AUDIENCE = "[\"playball-groups\",\"playball-auth\"]";
    public static final Path SIGNING_STORE = Path.of(System.getProperty("playball.signing.keystore",
            "target/dev-keys/signing.p12"));
    private static final String SIGNING_PASSWORD = "dev-only-signing-password";

    private Tokens() {
    }

    /** A token as auth would issue it, valid until {@code expiresAt}, signed with the server's key. */
    public static String signedByServer(String userId, Instant expiresAt) {
        KeyStore.PrivateKeyEntry key = newestSigningKey();
        return sign(claims(userId, expiresAt), key.getPrivateKey(),
                kid((RSAPublicKey) key.getCertificate().getPublicKey()));
    }

    /** Signed by a stranger's key, but naming the server's signing key in its header. */
    public static String forgedWithTheServersKid(String userId) {
        KeyStore.PrivateKeyEntry serverKey = newestSigningKey();
        return sign(claims(userId, Instant.now().plusSeconds(600)), strangerKey(),
                kid((RSAPublicKey) serverKey.getCertificate().getPublicKey()));
    }

    /** The kid of a token: the RFC 7638 thumbprint of the key that signed it, per auth's JWK set. */
    public static String kidOf(String token) {
        return Json.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8))
                .getString("kid", null);
    }

    /** RFC 7638: SHA-256 of the key's required members in lexical order, base64url. */
    public static String kid(RSAPublicKey key) {
        String members = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + unsigned(key.getModulus()) + "\"}";
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(members.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Adds a new key pair to the server's signing key store with the JDK's keytool, as an operator would. */
    public static void addSigningKey(String alias) {
        addSigningKey(SIGNING_STORE, alias, SIGNING_PASSWORD);
    }

    /** The same in another store (made if missing). */
    public static void addSigningKey(Path store, String alias, String password) {
        Processes.run(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
                "-dname", "CN=" + alias, "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", password));
    }

    /** Replaces the server's signing key store with a valid one that holds no key; returns what it held. */
    public static byte[] emptySigningStore() {
        try {
            byte[] before = Files.readAllBytes(SIGNING_STORE);
            KeyStore empty = KeyStore.getInstance("PKCS12");
            empty.load(null, SIGNING_PASSWORD.toCharArray());
            try (OutputStream out = Files.newOutputStream(SIGNING_STORE)) {
                empty.store(out, SIGNING_PASSWORD.toCharArray());
            }
            return before;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot empty " + SIGNING_STORE, e);
        }
    }

    /** Puts back what {@link #emptySigningStore()} returned. */
    public static void restoreSigningStore(byte[] held) {
        try {
            Files.write(SIGNING_STORE, held);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public keys in the server's signing key store, by alias. */
    public static Map<String, RSAPublicKey> signingKeys() {
        KeyStore store = signingStore();
        try {
            Map<String, RSAPublicKey> keys = new TreeMap<>();
            for (String alias : Collections.list(store.aliases())) {
                keys.put(alias, (RSAPublicKey) store.getCertificate(alias).getPublicKey());
            }
            return keys;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-formed token signed by a key the server does not trust. */
    public static String forged(String userId) {
        return sign(claims(userId, Instant.now().plusSeconds(600)), strangerKey(), null);
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
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

    private static String sign(String claims, PrivateKey key, String kid) {
        String header = kid == null ? "{\"alg\":\"RS256\",\"typ\":\"JWT\"}"
                : "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
        String signingInput = b64(header) + "." + b64(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore.PrivateKeyEntry newestSigningKey() {
        KeyStore store = signingStore();
        try {
            String newest = null;
            for (String alias : Collections.list(store.aliases())) {
                if (newest == null || store.getCreationDate(alias).after(store.getCreationDate(newest))
                        || (store.getCreationDate(alias).equals(store.getCreationDate(newest))
                        && alias.compareTo(newest) > 0)) {
                    newest = alias;
                }
            }
            return (KeyStore.PrivateKeyEntry) store.getEntry(newest,
                    new KeyStore.PasswordProtection(SIGNING_PASSWORD.toCharArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore signingStore() {
        try (FileInputStream in = new FileInputStream(SIGNING_STORE.toFile())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, SIGNING_PASSWORD.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the server's dev signing key store " + SIGNING_STORE, e);
        }
    }

    private static String unsigned(java.math.BigInteger n) {
        byte[] bytes = n.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
