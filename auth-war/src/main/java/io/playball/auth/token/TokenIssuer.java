package io.playball.auth.token;

import com.ibm.websphere.security.jwt.JwtBuilder;
import com.ibm.websphere.security.jwt.JwtException;
import com.ibm.websphere.security.jwt.InvalidBuilderException;
import com.ibm.websphere.security.jwt.InvalidClaimException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues access tokens: RS256 JWTs signed by Liberty's {@code jwtBuilder} "playball" (server.xml holds the key store,
 * and issuer). {@code sub} is the user id, {@code upn} the username, {@code groups} the roles.
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

    /** Usernames (lower-case) whose tokens also carry the admin role. */
    @Inject
    @ConfigProperty(name = "playball.admin.usernames")
    Optional<List<String>> adminUsernames;

    @Inject
    Clock clock;

    public AccessToken issue(String userId, String username) {
        List<String> groups = adminUsernames.orElse(List.of()).contains(username) ? List.of("user", "admin") : List.of("user");
        try {
            String jwt = JwtBuilder.create(BUILDER_ID)
                    .subject(userId)
                    .audience(List.of(groupsAudience, authAudience))
                    .claim("upn", username)
                    .claim("groups", groups)
                    .expirationTime(clock.instant().getEpochSecond() + lifetimeSeconds)
                    .buildJwt()
                    .compact();
            return new AccessToken(jwt, lifetimeSeconds);
        } catch (InvalidBuilderException | InvalidClaimException | JwtException e) {
            throw new IllegalStateException("Cannot issue a token: check the jwtBuilder and key store", e);
        }
    }

    public record AccessToken(String value, long expiresInSeconds) {
    }
}
