package io.playball.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The group rules, read straight from a PostgreSQL database's groups tables: no membership of a deleted user, no
 * empty group, no group without an admin. Each broken rule is one line with its count.
 */
public final class GroupInvariants {

    private GroupInvariants() {
    }

    public static List<String> violations(String database, String schema) {
        List<String> found = new ArrayList<>();
        try (Connection c = PostgresCluster.superuser(database); Statement s = c.createStatement()) {
            count(s, found, "memberships of deleted users", "SELECT count(*) FROM " + schema + ".group_member m"
                    + " JOIN " + schema + ".user_view v ON v.user_id = m.user_id WHERE v.deleted");
            count(s, found, "empty groups", "SELECT count(*) FROM " + schema + ".app_group g WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + schema + ".group_member m WHERE m.group_id = g.id)");
            count(s, found, "groups without an admin", "SELECT count(*) FROM " + schema + ".app_group g"
                    + " WHERE NOT EXISTS (SELECT 1 FROM " + schema + ".group_member m WHERE m.group_id = g.id"
                    + " AND m.role = 'ADMIN')");
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the groups tables of " + database, e);
        }
        return found;
    }

    /** How many groups and memberships the database holds: what the rules were checked over. */
    public static long[] groupsAndMembers(String database, String schema) {
        try (Connection c = PostgresCluster.superuser(database); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM " + schema + ".app_group),"
                     + " (SELECT count(*) FROM " + schema + ".group_member)")) {
            r.next();
            return new long[] {r.getLong(1), r.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the groups of " + database, e);
        }
    }

    private static void count(Statement s, List<String> found, String what, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            if (r.getLong(1) != 0) {
                found.add(r.getLong(1) + " " + what);
            }
        }
    }
}
