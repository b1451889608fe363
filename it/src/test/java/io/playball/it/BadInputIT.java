package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import jakarta.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.microshed.testing.jupiter.MicroShedTest;

/** Bad input gets a clear 4xx problem, never a 500 and never a stack trace. */
@MicroShedTest
@OnEachDatabase
class BadInputIT {

    private static final String JSON = "application/json";
    private static final String OK_PASSWORD = Accounts.PASSWORD;
    private static User user;

    @BeforeAll
    static void setUp() {
        Api.awaitReady();
        user = Accounts.register("bad-input", "Bad Input");
    }

    static Stream<Arguments> registrationCases() {
        String big = "{\"username\":\"" + "a".repeat(20_000) + "\"}";
        return Stream.of(
                Arguments.of("malformed JSON", JSON, "{\"username\": ", 400),
                Arguments.of("not an object", JSON, "[1, 2]", 400),
                Arguments.of("empty body", JSON, "", 400),
                Arguments.of("missing fields", JSON, "{}", 400),
                Arguments.of("username is a number", JSON, body(123456, "Name", OK_PASSWORD), 400),
                Arguments.of("password is a number", JSON, body("n@example.test", "Name", 123456789012345L), 400),
                Arguments.of("username not an e-mail", JSON, body("not-an-email", "Name", OK_PASSWORD), 400),
                Arguments.of("blank display name", JSON, body("n@example.test", "   ", OK_PASSWORD), 400),
                Arguments.of("display name of 101", JSON, body("n@example.test", "x".repeat(101), OK_PASSWORD), 400),
                Arguments.of("password of 11", JSON, body("n@example.test", "Name", "x".repeat(11)), 400),
                Arguments.of("password of 129", JSON, body("n@example.test", "Name", "x".repeat(129)), 400),
                Arguments.of("wrong content type", "text/plain", body("n@example.test", "Name", OK_PASSWORD), 415),
                Arguments.of("body over 16 KiB", JSON, big, 413));
    }

    @ParameterizedTest(name = "POST /users, {0} -> {3}")
    @MethodSource("registrationCases")
    void registrationRejects(String name, String contentType, String body, int status) {
        assertProblem(Api.send("POST", "/auth/api/users", null, contentType, body, Map.of()), status);
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"username\":\"" + "a".repeat(20_000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create(Api.baseUrl() + "/auth/api/users"))
                .header("Content-Type", JSON)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))  // no length
                .build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertProblem(response, 413);
    }

    @Test
    void takenUsernameIsAConflictWhateverItsCase() {
        assertProblem(Accounts.tryRegister(user.username().toUpperCase(), "Copycat"), 409);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSame401() {
        HttpResponse<String> unknown = Api.postJson("/auth/api/tokens",
                Json.object(Map.of("username", "nobody-" + user.username(), "password", OK_PASSWORD)));
        HttpResponse<String> wrong = Api.postJson("/auth/api/tokens",
                Json.object(Map.of("username", user.username(), "password", "not the password")));
        assertProblem(unknown, 401);
        assertProblem(wrong, 401);
        assertEquals(unknown.body(), wrong.body());
    }

    @Test
    void malformedLoginIs400() {
        assertProblem(Api.postJson("/auth/api/tokens", "{\"username\":"), 400);
        assertProblem(Api.postJson("/auth/api/tokens", "{}"), 400);
    }

    @Test
    void badProfileUpdatesAre400() {
        assertProblem(Api.putJson("/auth/api/users/me", user.token(), "{\"displayName\":\"X\",\"version\":\"abc\"}"), 400);
        assertProblem(Api.putJson("/auth/api/users/me", user.token(), "{\"displayName\":\"X\"}"), 400);
        assertProblem(Api.putJson("/auth/api/users/me", user.token(), "{\"displayName\":\" \",\"version\":1}"), 400);
        assertProblem(Api.putJson("/auth/api/users/me", user.token(), "not json"), 400);
    }

    @Test
    void missingOrInvalidTokenIs401() {
        assertEquals(401, Api.get("/auth/api/users/me", null).statusCode());
        assertEquals(401, Api.get("/auth/api/users/me", "not.a.jwt").statusCode());
        String[] parts = user.token().split("\\.");
        String tampered = parts[0] + "." + parts[1] + "x." + parts[2];
        assertEquals(401, Api.get("/auth/api/users/me", tampered).statusCode());
        assertEquals(401, Api.delete("/auth/api/users/me", null).statusCode());
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        assertProblem(Api.get("/auth/api/no-such-thing", null), 404);
        assertProblem(Api.send("DELETE", "/auth/api/tokens", null, null, null, Map.of()), 405);
    }

    /**
     * A C0 control character or DEL in any text field of any API is a 400 problem on either database (PostgreSQL
     * refuses NUL in text), and nothing is stored: the registration does not exist afterwards.
     */
    @ParameterizedTest(name = "U+{0} in every text field -> 400")
    @ValueSource(strings = {"0000", "0001", "0009", "000A", "001F", "007F"})
    void everyTextFieldRefusesControlCharacters(String codePoint) {
        String c = Character.toString(Integer.parseInt(codePoint, 16));
        String group = Groups.create(user.token(), "Plain text only");
        String fresh = Accounts.uniqueUsername("control");
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("registration's username", Api.postJson("/auth/api/users",
                body("x" + c + fresh, "Name", OK_PASSWORD)));
        answers.put("registration's display name", Api.postJson("/auth/api/users",
                body(fresh, "Ada" + c + "Lovelace", OK_PASSWORD)));
        answers.put("registration's password", Api.postJson("/auth/api/users",
                body(fresh, "Name", "correct horse" + c + "battery")));
        answers.put("login's username", Api.postJson("/auth/api/tokens",
                Json.object(Map.of("username", user.username() + c, "password", OK_PASSWORD))));
        answers.put("login's password", Api.postJson("/auth/api/tokens",
                Json.object(Map.of("username", user.username(), "password", OK_PASSWORD + c))));
        answers.put("profile's display name", Api.putJson("/auth/api/users/me", user.token(),
                Json.object(Map.of("displayName", "Bad" + c + "Input", "version", 1))));
        answers.put("new group's name", Api.send("POST", "/groups/api/groups", user.token(), JSON,
                Json.object(Map.of("name", "Group" + c + "name")), Map.of()));
        answers.put("renamed group's name", Api.putJson("/groups/api/groups/" + group, user.token(),
                Json.object(Map.of("name", "Group" + c + "name", "version", 1))));
        answers.put("member's user id", Api.send("POST", "/groups/api/groups/" + group + "/members", user.token(),
                JSON, Json.object(Map.of("userId", user.id() + c, "role", "PARTICIPANT")), Map.of()));
        answers.forEach((field, answer) -> {
            assertEquals(400, answer.statusCode(), field + ": " + answer.body());
            assertProblem(answer, 400);
        });
        HttpResponse<String> later = Accounts.tryRegister(fresh, "Name");
        assertEquals(201, later.statusCode(), "none of the refused registrations was stored: " + later.body());
    }

    private static String body(Object username, Object displayName, Object password) {
        return Json.object(Map.of("username", username, "displayName", displayName, "password", password));
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        JsonObject problem = Json.parse(response.body());
        assertEquals(status, problem.getInt("status"));
        assertTrue(problem.getString("type").startsWith("urn:playball:problem:"), response.body());
        assertFalse(response.body().contains("Exception") || response.body().contains("\tat "), response.body());
    }
}
