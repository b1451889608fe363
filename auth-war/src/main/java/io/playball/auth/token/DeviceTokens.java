package io.playball.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * OWASP's device cookie: a statement, signed with the token signing keys, that a device has logged in as a user
 * before. Its audience is a device's alone, so no service takes it as an access token; it carries the username and a
 * random device id, which the login throttle counts failures against instead of the account's and the address's.
 */
@ApplicationScoped
public class DeviceTokens {

    private static final String AUDIENCE = "playball-device";

    @Inject
    SigningKeys keys;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "jwt.issuer", defaultValue = "https://playball.local/auth")
    String issuer;

    @Inject
    @ConfigProperty(name = "playball.login.device.lifetime", defaultValue = "P90D")
    Duration lifetime;

    /** A new device token for this username (normalised), with a device id of its own. */
    public String issue(String username) {
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(AUDIENCE);
        claims.setSubject(username);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetime.toSeconds()));
        return keys.sign(claims);
    }

    /** How long a device token is good for, from its issue. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * The device id of {@code token} if it is one of ours, unexpired, and for this username (normalised); empty for
     * anything else, a missing token included.
     */
    public Optional<String> deviceOf(String token, String username) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .setVerificationKeyResolver((jws, nested) -> keys.byKid(jws.getKeyIdHeaderValue())
                        .map(k -> k.jwk().getPublicKey())
                        .orElseThrow(() -> new UnresolvableKeyException("no signing key with this kid")))
                .setExpectedIssuer(issuer)
                .setExpectedAudience(AUDIENCE)
                .setExpectedSubject(username)
                .setRequireExpirationTime()
                .setRequireJwtId()
                .setEvaluationTime(NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                .build();
        try {
            return Optional.of(consumer.processToClaims(token).getJwtId());
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Optional.empty();
        }
    }
}
