package io.playball.auth.token;

import com.ibm.websphere.security.jwt.JwtBuilder;
import com.ibm.websphere.security.jwt.JwtException;
import com.ibm.websphere.security.jwt.InvalidBuilderException;
import com.ibm.websphere.security.jwt.InvalidClaimException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues access tokens: RS256 JWTs signed by Liberty's {@code jwtBuilder} "playball" (server.xml holds the key store,
 * and issuer). {@code sub} is the user id, {@code upn} the username, {@code groups} the roles: {@code user}, and
 * {@code admin} for an operator. An operator's token lives shorter, because groups believes the role it carries until
 * it expires (auth's own admin endpoints check the grant again at each call).
 */
@ApplicationScoped
public class TokenIssuer {

    static final String BUILDER_ID = "playball";

    @Inject
    @ConfigProperty(name = "jwt.lifetime.seconds", defaultValue = "900")
    long lifetimeSeconds;

    /** The groups service, and auth itself (for /users/me). Set here: the jwtBuilder would join a list into one string. */
    @Inject
    @ConfigProperty(name = "jwt.audience.groups", defaultValue = "playball-groups")
    String groupsAudience;

    @Inject
    @ConfigProperty(name = "jwt.audience.auth", defaultValue = "playball-auth")
    String authAudience;

    @Inject
    @ConfigProperty(name = "playball.operator.token.lifetime.seconds", defaultValue = "300")
    long operatorLifetimeSeconds;

    @Inject
    Clock clock;

    public AccessToken issue(String userId, String username, boolean operator) {
        List<String> groups = operator ? List.of("user", "admin") : List.of("user");
        long lifetime = operator ? Math.min(operatorLifetimeSeconds, lifetimeSeconds) : lifetimeSeconds;
        try {
            String jwt = JwtBuilder.create(BUILDER_ID)
                    .subject(userId)
                    .audience(List.of(groupsAudience, authAudience))
                    .claim("upn", username)
                    .claim("groups", groups)
                    .expirationTime(clock.instant().getEpochSecond() + lifetime)
                    .buildJwt()
                    .compact();
            return new AccessToken(jwt, lifetime);
        } catch (InvalidBuilderException | InvalidClaimException | JwtException e) {
            throw new IllegalStateException("Cannot issue a token: check the jwtBuilder and key store", e);
        }
    }

    public record AccessToken(String value, long expiresInSeconds) {
    }
}
