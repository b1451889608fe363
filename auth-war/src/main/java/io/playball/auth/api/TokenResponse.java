package io.playball.auth.api;

import io.playball.auth.token.TokenIssuer;

/** Body of a successful POST /tokens (RFC 6750 bearer token). */
public record TokenResponse(String accessToken, String tokenType, long expiresIn) {

    static TokenResponse of(TokenIssuer.AccessToken token) {
        return new TokenResponse(token.value(), "Bearer", token.expiresInSeconds());
    }
}
