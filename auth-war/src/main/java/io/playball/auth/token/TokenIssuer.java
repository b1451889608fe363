package io.playball.auth.token;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Issues access tokens: RS256 JWTs signed with the active {@link SigningKeys} key, whose {@code kid} is in the header.
 * {@code sub} is the user id, {@code upn} the username, {@code groups} the roles: {@code user}, and {@code admin} for
 * an operator. An operator's token lives shorter, because groups believes the role it carries until it expires
 * (auth's own admin endpoints check the grant again at each call).
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    @ConfigProperty(name = "jwt.issuer", defaultValue = "https://playball.local/auth")
    String issuer;

    @Inject
    @ConfigProperty(name = "jwt.lifetime.seconds", defaultValue = "900")
    long lifetimeSeconds;

    @Inject
    @ConfigProperty(name = "playball.operator.token.lifetime.seconds", defaultValue = "300")
    long operatorLifetimeSeconds;

    /** The groups service, and auth itself (for /users/me). */
    @Inject
    @ConfigProperty(name = "jwt.audience.groups", defaultValue = "playball-groups")
    String groupsAudience;

    @Inject
    @ConfigProperty(name = "jwt.audience.auth", defaultValue = "playball-auth")
    String authAudience;

    @Inject
    Clock clock;

    public AccessToken issue(String userId, String username, boolean operator) {
        List<String> groups = operator ? List.of("user", "admin") : List.of("user");
        long lifetime = operator ? Math.min(operatorLifetimeSeconds, lifetimeSeconds) : lifetimeSeconds;
        long now = clock.instant().getEpochSecond();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(userId);
        claims.setAudience(groupsAudience, authAudience);
        claims.setClaim("upn", username);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + lifetime));
        claims.setJwtId(UUID.randomUUID().toString());
        return new AccessToken(keys.sign(claims), lifetime);
    }

    public record AccessToken(String value, long expiresInSeconds) {
    }
}
