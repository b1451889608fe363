package io.playball.it;

import static io.playball.it.BadInputIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * A password stored as a hash of the scheme before Argon2id (Jakarta Security's PBKDF2) still logs in, and the first
 * successful login replaces it with an Argon2id hash, without moving the account's version.
 */
@MicroShedTest
@OnEachDatabase
class PasswordUpgradeIT {

    private static final String OLD_PASSWORD = "an older password, hashed the older way";

    @BeforeAll
    static void onPostgres() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "the test writes a stored hash from a session of its own (embedded Derby is the server's own)");
        Api.awaitReady();
    }

    @Test
    void aPbkdf2HashLogsInAndIsReplacedByArgon2id() throws Exception {
        Accounts.User user = Accounts.register("upgraded", "Upgraded");
        long version = update("UPDATE %s.account SET password_hash = ? WHERE id = ?", pbkdf2(OLD_PASSWORD), user.id());
        assertTrue(stored(user.id()).startsWith("PBKDF2WithHmacSHA512:"));

        assertProblem(login(user.username(), "not the password"), 401);
        assertTrue(stored(user.id()).startsWith("PBKDF2WithHmacSHA512:"), "a wrong password replaces nothing");

        assertEquals(200, login(user.username(), OLD_PASSWORD).statusCode());
        Poll.until("the stored hash replaced by an Argon2id one", Duration.ofSeconds(30),
                () -> query(() -> stored(user.id()).startsWith("$argon2id$v=19$")));

        assertEquals(200, login(user.username(), OLD_PASSWORD).statusCode(), "the same password, the new hash");
        assertProblem(login(user.username(), Accounts.PASSWORD), 401);
        assertEquals(version, version(user.id()), "the hash is no part of any event: the version stays");
    }

    /** Jakarta Security's stored form: algorithm, iterations, salt and key, Base64, colon-separated. */
    private static String pbkdf2(String password) throws Exception {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 1024, 256)).getEncoded();
        Base64.Encoder b64 = Base64.getEncoder();
        return "PBKDF2WithHmacSHA512:1024:" + b64.encodeToString(salt) + ":" + b64.encodeToString(key);
    }

    private static HttpResponse<String> login(String username, String password) {
        return Api.send("POST", "/auth/api/tokens", null, "application/json",
                Json.object(Map.of("username", username, "password", password)),
                Map.of(Accounts.FORWARDED_FOR, Accounts.clientAddress()));
    }

    /** Runs the update and returns the account's version. */
    private static long update(String sql, String hash, String id) throws SQLException {
        try (Connection c = PostgresCluster.superuser(database());
             PreparedStatement update = c.prepareStatement(String.format(sql, PostgresCluster.authSchema()))) {
            update.setString(1, hash);
            update.setString(2, id);
            assertEquals(1, update.executeUpdate());
        }
        return version(id);
    }

    private static String stored(String id) throws SQLException {
        return column("password_hash", id);
    }

    private static long version(String id) throws SQLException {
        return Long.parseLong(column("version", id));
    }

    private static String column(String column, String id) throws SQLException {
        try (Connection c = PostgresCluster.superuser(database());
             PreparedStatement select = c.prepareStatement("SELECT " + column + " FROM "
                     + PostgresCluster.authSchema() + ".account WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet r = select.executeQuery()) {
                assertTrue(r.next(), "account " + id);
                return r.getString(1);
            }
        }
    }

    private static String database() {
        return System.getProperty("playball.db.name", "test");
    }

    private static boolean query(SqlCheck check) {
        try {
            return check.ask();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface SqlCheck {
        boolean ask() throws SQLException;
    }
}
