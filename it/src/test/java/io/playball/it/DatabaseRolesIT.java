package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.OnEachDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * PostgreSQL with the least-privilege roles of ops/postgresql/roles.sql (as CI runs it): each service's sessions log
 * in as its own role, whose tables sit in its own schema, and neither role can read the other's tables, create in
 * public, or do anything a superuser can.
 */
@MicroShedTest
@OnEachDatabase
class DatabaseRolesIT {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + System.getProperty("playball.db.name", "test");
    private static final String AUTH = System.getProperty("playball.auth.db.user", "postgres");
    private static final String GROUPS = System.getProperty("playball.groups.db.user", "postgres");

    @BeforeAll
    static void onlyWithTheServicesRoles() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")), "PostgreSQL only");
        Assumptions.assumeFalse(AUTH.equals("postgres") || GROUPS.equals("postgres"),
                "the server logs in as postgres here: run with -Dplayball.auth.db.user / -Dplayball.groups.db.user");
        Api.awaitReady();
    }

    @Test
    void eachServiceLogsInAsItsOwnRoleIntoItsOwnSchema() throws SQLException {
        Accounts.register("roles", "Uses both services");  // a registration and its event: both pools in use
        try (Connection admin = DriverManager.getConnection(URL, "postgres", "");
             Statement s = admin.createStatement()) {
            Set<String> users = new HashSet<>();
            try (ResultSet r = s.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity WHERE datname ="
                    + " current_database() AND application_name = 'PostgreSQL JDBC Driver' AND pid <> pg_backend_pid()")) {
                while (r.next()) {
                    users.add(r.getString(1));
                }
            }
            assertEquals(Set.of(AUTH, GROUPS), users, "the server's sessions");
            assertEquals(AUTH, owner(s, "account"));
            assertEquals(AUTH, owner(s, "outbox_event"));
            assertEquals(GROUPS, owner(s, "user_view"));
            assertEquals(GROUPS, owner(s, "inbox_event"));
            assertEquals(GROUPS, owner(s, "group_outbox_event"));
            try (ResultSet r = s.executeQuery("SELECT bool_or(rolsuper OR rolcreatedb OR rolcreaterole) FROM pg_roles"
                    + " WHERE rolname IN ('" + AUTH + "', '" + GROUPS + "')")) {
                r.next();
                assertFalse(r.getBoolean(1), "no superuser, database or role creation");
            }
        }
    }

    @Test
    void neitherRoleCanTouchTheOthersTablesOrCreateInPublic() throws SQLException {
        try (Connection auth = DriverManager.getConnection(URL, AUTH, "");
             Connection groups = DriverManager.getConnection(URL, GROUPS, "")) {
            assertDenied(auth, "SELECT count(*) FROM " + GROUPS + ".user_view");
            assertDenied(groups, "SELECT count(*) FROM " + AUTH + ".account");
            assertDenied(groups, "DELETE FROM " + AUTH + ".outbox_event");
            assertDenied(auth, "CREATE TABLE public.intruder (id int)");
            assertDenied(auth, "CREATE TEMPORARY TABLE intruder (id int)");
        }
    }

    @Test
    void noOtherRoleMayConnectToTheDatabaseOrCreateTemporaryTablesInIt() throws SQLException {
        try (Connection admin = DriverManager.getConnection(URL, "postgres", "");
             Statement s = admin.createStatement();
             ResultSet r = s.executeQuery("SELECT a.privilege_type FROM pg_database d, aclexplode(coalesce(d.datacl,"
                     + " acldefault('d', d.datdba))) a WHERE d.datname = current_database() AND a.grantee = 0")) {
            List<String> publicMay = new ArrayList<>();
            while (r.next()) {
                publicMay.add(r.getString(1));
            }
            assertEquals(List.of(), publicMay, "what PUBLIC, every role of the cluster, may do in the database");
        }
    }

    /** The schema-qualified owner check: the table is in the role's own schema and owned by it. */
    private static String owner(Statement s, String table) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT schemaname, tableowner FROM pg_tables WHERE tablename = '"
                + table + "'")) {
            if (!r.next()) {
                throw new AssertionError("no table " + table);
            }
            assertEquals(r.getString(2), r.getString(1), table + " lives in its owner's schema");
            return r.getString(2);
        }
    }

    private static void assertDenied(Connection c, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }, sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
    }
}
