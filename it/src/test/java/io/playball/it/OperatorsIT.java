package io.playball.it;

import static io.playball.it.BadInputIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.AdminConnector;
import io.playball.it.support.Api;
import io.playball.it.support.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The admin role belongs to an account id and only the server's administrator (Liberty's administrator role, over
 * HTTPS through the REST connector) grants or revokes it. Registering any name grants nothing; a revoked operator is
 * refused by auth's admin endpoints at once, and logs in without the role.
 */
@MicroShedTest
class OperatorsIT {

    private static final String AUTH_ADMIN = "/auth/api/admin/outbox";
    private static final String GROUPS_ADMIN = "/groups/api/admin/parked";

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void registeringAnyNameGrantsNothing() {
        for (String name : new String[] {"ops@playball.test", "admin@playball.test", "bench-admin@playball.test"}) {
            HttpResponse<String> created = Accounts.tryRegister(name, "Would-be operator");
            assertTrue(created.statusCode() == 201 || created.statusCode() == 409, created.body());
            if (created.statusCode() == 201) {
                String token = Accounts.login(name);
                assertEquals(java.util.List.of("user"), groups(token), name);
                assertProblem(Api.get(AUTH_ADMIN, token), 403);
                assertProblem(Api.get(GROUPS_ADMIN, token), 403);
            }
        }
    }

    @Test
    void theAdministratorGrantsAndRevokesAndARevokedTokenIsRefusedByAuthAtOnce() {
        Accounts.User user = Accounts.register("operator", "Operator to be");
        assertEquals("granted", AdminConnector.grantOperator(user.id()));
        assertEquals("already an operator", AdminConnector.grantOperator(user.id()));

        HttpResponse<String> login = Api.postJson("/auth/api/tokens",
                Json.object(Map.of("username", user.username(), "password", Accounts.PASSWORD)));
        assertEquals(200, login.statusCode(), login.body());
        String token = Json.parse(login.body()).getString("accessToken");
        assertEquals(java.util.List.of("user", "admin"), groups(token));
        assertTrue(Json.parse(login.body()).getInt("expiresIn") <= 300, "an operator's token is short-lived: "
                + login.body());
        assertEquals(200, Api.get(AUTH_ADMIN, token).statusCode());
        assertEquals(200, Api.get(GROUPS_ADMIN, token).statusCode());

        assertEquals("revoked", AdminConnector.revokeOperator(user.id()));
        HttpResponse<String> refused = Api.get(AUTH_ADMIN, token);
        assertProblem(refused, 403);
        assertTrue(refused.body().contains("not-an-operator"), refused.body());
        String after = Accounts.login(user.username());
        assertEquals(java.util.List.of("user"), groups(after));
        assertProblem(Api.get(GROUPS_ADMIN, after), 403);
        assertEquals("not an operator", AdminConnector.revokeOperator(user.id()));
    }

    @Test
    void aDeletedAccountTakesItsGrantAlongAndItsNameRegisteredAgainHoldsNothing() {
        Accounts.User user = Accounts.register("operator-leaving", "Leaving operator");
        AdminConnector.grantOperator(user.id());
        assertEquals(204, Api.delete("/auth/api/users/me", user.token()).statusCode());
        assertEquals("not an operator", AdminConnector.revokeOperator(user.id()), "the grant went with the account");

        HttpResponse<String> again = Accounts.tryRegister(user.username(), "Same name, someone else");
        assertEquals(201, again.statusCode(), again.body());
        assertEquals(java.util.List.of("user"), groups(Accounts.login(user.username())));
    }

    @Test
    void onlyTheServerAdministratorMayGrant() {
        Accounts.User user = Accounts.register("self-made", "Self-made operator");
        HttpResponse<String> wrongPassword = AdminConnector.invoke("io.playball:type=Operators", "grant", user.id(),
                AdminConnector.USER, "not-the-password");
        assertEquals(401, wrongPassword.statusCode(), wrongPassword.body());
        HttpResponse<String> asTheUser = AdminConnector.invoke("io.playball:type=Operators", "grant", user.id(),
                user.username(), Accounts.PASSWORD);
        assertEquals(401, asTheUser.statusCode(), "an application account is no server administrator");
        assertEquals(java.util.List.of("user"), groups(Accounts.login(user.username())));

        HttpResponse<String> unknown = AdminConnector.invoke("io.playball:type=Operators", "grant",
                "no-such-account", AdminConnector.USER, AdminConnector.PASSWORD);
        assertNotEquals(200, unknown.statusCode());
        assertTrue(unknown.body().contains("no account with id no-such-account"), unknown.body());
    }

    /** The roles a token carries (its {@code groups} claim). */
    private static java.util.List<String> groups(String token) {
        JsonObject claims = Json.parse(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8));
        return claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }
}
