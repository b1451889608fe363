package io.playball.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The keys that sign access tokens: the private keys of a PKCS#12 key store of their own, apart from the TLS key. The
 * newest signs, unless {@code jwt.signing.key} names another alias (to add a key on every server before any of them
 * signs with it); every key in the store is published, public half only, as a JWK set, so a token stays verifiable
 * for as long as its key is in the store. A key's {@code kid} is its RFC 7638 thumbprint. The store is read again
 * when its file changes, so a key added or removed takes effect within seconds, without a restart.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class.getName());
    private static final long RECHECK_NANOS = 2_000_000_000L;

    @Inject
    @ConfigProperty(name = "jwt.signing.keystore")
    String location;

    @Inject
    @ConfigProperty(name = "jwt.signing.keystore.password")
    String password;

    private volatile Loaded loaded;
    private volatile long checkedAt;

    /** A signing key: its alias in the store, its kid, when it was added, and both halves. */
    public record Key(String alias, String kid, Instant created, PrivateKey privateKey, PublicJsonWebKey jwk) {
    }

    private record Loaded(FileTime modified, long size, List<Key> keys, String jwks) {
    }

    /** The key that signs now. @throws IllegalStateException if the store holds no usable key */
    public Key active() {
        List<Key> keys = current().keys();
        Optional<String> pinned = ConfigProvider.getConfig().getOptionalValue("jwt.signing.key", String.class)
                .filter(alias -> !alias.isBlank());
        if (pinned.isPresent()) {
            return keys.stream().filter(k -> k.alias().equals(pinned.get())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("jwt.signing.key names " + pinned.get()
                            + ", which is not in the signing key store " + location));
        }
        return keys.stream().max(Comparator.comparing(Key::created).thenComparing(Key::alias))
                .orElseThrow(() -> new IllegalStateException("the signing key store " + location + " holds no key"));
    }

    /** The claims as a compact JWS (RS256), signed with the active key, which its {@code kid} names. */
    public String sign(JwtClaims claims) {
        Key key = active();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.privateKey());
        jws.setKeyIdHeaderValue(key.kid());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign with key " + key.alias(), e);
        }
    }

    /** The key with this kid, if the store holds it now. */
    public Optional<Key> byKid(String kid) {
        return current().keys().stream().filter(k -> k.kid().equals(kid)).findFirst();
    }

    /** Every key's public half, as a JWK set document. */
    public String jwks() {
        return current().jwks();
    }

    private Loaded current() {
        Loaded now = loaded;
        if (now == null || System.nanoTime() - checkedAt > RECHECK_NANOS) {
            synchronized (this) {
                now = reloadIfChanged(loaded);
                loaded = now;
                checkedAt = System.nanoTime();
            }
        }
        return now;
    }

    private Loaded reloadIfChanged(Loaded previous) {
        Path file = Path.of(location);
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (previous != null && previous.modified().equals(modified) && previous.size() == size) {
                return previous;
            }
            Loaded read = read(file, modified, size);
            LOG.info("Token signing keys read from " + location + ": "
                    + read.keys().stream().map(k -> k.alias() + " (kid " + k.kid() + ")").toList());
            return read;
        } catch (IOException | GeneralSecurityException | JoseException e) {
            if (previous != null) {
                // a store being rewritten can be caught half-written: keep the keys read last, try again soon
                LOG.warning("Signing key store " + location + " unreadable, keeping the keys read before: " + e);
                return previous;
            }
            throw new IllegalStateException("Signing key store " + location + " unreadable: " + e, e);
        }
    }

    private Loaded read(Path file, FileTime modified, long size)
            throws IOException, GeneralSecurityException, JoseException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        List<Key> keys = new ArrayList<>();
        List<JsonWebKey> published = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (!store.isKeyEntry(alias)) {
                continue;
            }
            Certificate certificate = store.getCertificate(alias);
            java.security.Key key = store.getKey(alias, password.toCharArray());
            if (!(key instanceof PrivateKey privateKey) || certificate == null) {
                continue;
            }
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(certificate.getPublicKey());
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
            jwk.setUse("sig");
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            Instant created = store.getCreationDate(alias).toInstant();
            keys.add(new Key(alias, jwk.getKeyId(), created, privateKey, jwk));
            published.add(jwk);
        }
        return new Loaded(modified, size, List.copyOf(keys),
                new JsonWebKeySet(published).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }
}
