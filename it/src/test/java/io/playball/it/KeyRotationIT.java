package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.Poll;
import io.playball.it.support.Tokens;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Tokens carry the kid of the key that signed them; auth publishes every key of its signing key store at
 * /auth/api/jwks and both services verify against that set. A key added to the store (keytool, no restart) signs the
 * next tokens within seconds, and tokens signed with the previous key stay valid.
 */
@MicroShedTest
class KeyRotationIT {

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void theJwkSetPublishesTheSigningKeyWithItsKid() {
        Accounts.User user = Accounts.register("jwks", "Keys");
        String kid = Tokens.kidOf(user.token());
        assertNotNull(kid, "the token names its key");
        HttpResponse<String> jwks = Api.get("/auth/api/jwks", null);
        assertEquals(200, jwks.statusCode(), jwks.body());
        JsonObject key = Json.parse(jwks.body()).getJsonArray("keys").getValuesAs(JsonObject.class).stream()
                .filter(k -> kid.equals(k.getString("kid"))).findFirst()
                .orElseThrow(() -> new AssertionError("kid " + kid + " not in " + jwks.body()));
        assertEquals("RSA", key.getString("kty"));
        assertEquals("sig", key.getString("use"));
        assertTrue(!key.containsKey("d") && !key.containsKey("p"), "public halves only: " + key);
        assertTrue(Tokens.signingKeys().values().stream().map(Tokens::kid).anyMatch(kid::equals),
                "the kid is the RFC 7638 thumbprint of a key in the store");
    }

    @Test
    void withoutAUsableSigningKeyALoginIsAnswered503InsteadOfLeftHanging() {
        Accounts.User user = Accounts.register("keyless", "Keyless");
        String body = Json.object(Map.of("username", user.username(), "password", Accounts.PASSWORD));
        byte[] held = Tokens.emptySigningStore();
        try {
            // each try has the client's 60 s: a login left hanging fails the test instead of answering
            HttpResponse<String> refused = Poll.until("a login refused while the store holds no key",
                    Duration.ofSeconds(30), () -> Api.postJson("/auth/api/tokens", body),
                    r -> r.statusCode() != 200);
            BadInputIT.assertProblem(refused, 503);
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "says when to come back");
        } finally {
            Tokens.restoreSigningStore(held);
        }
        Poll.until("logins signed again once the key is back", Duration.ofSeconds(30),
                () -> Api.postJson("/auth/api/tokens", body).statusCode() == 200);
    }

    @Test
    void aNewKeySignsTheNextTokensWhileTheOldOnesStayValid() {
        Accounts.User user = Accounts.register("rotation", "Rotated");
        String before = user.token();
        String oldKid = Tokens.kidOf(before);

        String alias = "rotated-" + UUID.randomUUID().toString().substring(0, 8);
        Tokens.addSigningKey(alias);
        String newKid = Tokens.kid(Tokens.signingKeys().get(alias));
        assertNotEquals(oldKid, newKid);

        String after = Poll.until("a login signed with the new key", Duration.ofSeconds(30),
                () -> Accounts.login(user.username()), token -> newKid.equals(Tokens.kidOf(token)));
        Set<String> published = Json.parse(Api.get("/auth/api/jwks", null).body()).getJsonArray("keys")
                .getValuesAs(JsonObject.class).stream().map(k -> k.getString("kid")).collect(Collectors.toSet());
        assertTrue(published.containsAll(Set.of(oldKid, newKid)), "both keys published: " + published);

        for (String token : new String[] {after, before}) {
            assertEquals(200, Api.get("/groups/api/groups", token).statusCode(), "groups accepts " + Tokens.kidOf(token));
            assertEquals(200, Api.get("/auth/api/users/me", token).statusCode(), "auth accepts " + Tokens.kidOf(token));
        }
        String forged = Tokens.forgedWithTheServersKid(user.id());
        assertEquals(401, Api.get("/groups/api/groups", forged).statusCode(), "a known kid does not make a signature");
    }
}
