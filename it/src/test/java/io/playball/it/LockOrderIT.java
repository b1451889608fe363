package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * groups takes its row locks in one order: a user's view row, then the group. Adding a member and applying that
 * user's deletion both lock the two; taken in opposite orders they wait for each other until PostgreSQL breaks the
 * deadlock (after its deadlock_timeout, a second, and a retry). The test holds one of the two rows itself, lets the
 * server's transaction wait for it, and asks, without waiting, whether the server holds the other one yet.
 */
@MicroShedTest
@OnEachDatabase
class LockOrderIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeAll
    static void onPostgres() {
        Assumptions.assumeTrue("postgresql".equals(System.getProperty("playball.db.kind")),
                "the test locks rows of the server's tables from a session of its own (embedded Derby is the"
                        + " server's own)");
        Api.awaitReady();
    }

    @Test
    void addingAMemberTakesTheUsersViewRowBeforeTheGroup() throws Exception {
        User admin = Accounts.register("lock-order-admin", "Admin");
        User joining = Accounts.register("lock-order-joining", "Joining");
        String group = Groups.create(admin.token(), "Lock order");
        awaitView(joining.id());

        CompletableFuture<HttpResponse<String>> added;
        try (Connection holder = transaction(); Connection prober = transaction()) {
            lock(holder, "user_view", "user_id", joining.id(), false);
            added = CompletableFuture.supplyAsync(() -> Api.send("POST", "/groups/api/groups/" + group + "/members",
                    admin.token(), "application/json", Json.object(Map.of("userId", joining.id(),
                            "role", "PARTICIPANT")), Map.of()));
            awaitServerWaitingOnALock(holder);

            lock(prober, "app_group", "id", group, true);  // free: the server has not taken it yet
            prober.rollback();
            holder.rollback();
        }
        HttpResponse<String> answer = added.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(201, answer.statusCode(), answer.body());
    }

    @Test
    void applyingADeletionTakesTheUsersViewRowBeforeTheGroups() throws Exception {
        User admin = Accounts.register("lock-order-owner", "Owner");
        User leaving = Accounts.register("lock-order-leaving", "Leaving");
        String group = Groups.create(admin.token(), "Lock order, departure");
        Groups.addMember(admin.token(), group, leaving.id(), "PARTICIPANT");

        try (Connection holder = transaction(); Connection prober = transaction()) {
            lock(holder, "app_group", "id", group, false);
            assertEquals(204, Api.delete("/auth/api/users/me", leaving.token()).statusCode());
            awaitServerWaitingOnALock(holder);

            SQLException held = assertThrows(SQLException.class,
                    () -> lock(prober, "user_view", "user_id", leaving.id(), true),
                    "the consumer holds the view row while it waits for the group");
            assertEquals("55P03", held.getSQLState(), held.getMessage());
            prober.rollback();
            holder.rollback();
        }
        Poll.until("the departure applied", WAIT, () -> !Groups.get(admin.token(), group).body()
                .contains(leaving.id()));
    }

    private static void awaitView(String userId) {
        Poll.until("user " + userId + " in groups' view", WAIT, () -> orFail(() -> {
            try (Connection c = transaction(); PreparedStatement select = c.prepareStatement(
                    "SELECT 1 FROM " + table("user_view") + " WHERE user_id = ?")) {
                select.setString(1, userId);
                try (ResultSet r = select.executeQuery()) {
                    return r.next();
                }
            }
        }));
    }

    /** Until another session of the test database waits for a lock that {@code holder}'s session holds. */
    private static void awaitServerWaitingOnALock(Connection holder) {
        Poll.until("the server's transaction waiting on the test's lock", WAIT, () -> orFail(() -> {
            try (PreparedStatement blocked = holder.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                    + " WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))");
                 ResultSet r = blocked.executeQuery()) {
                r.next();
                return r.getInt(1) > 0;
            }
        }));
    }

    private static boolean orFail(Query query) {
        try {
            return query.ask();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Query {
        boolean ask() throws SQLException;
    }

    private static void lock(Connection c, String table, String column, String id, boolean noWait)
            throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT " + column + " FROM " + table(table) + " WHERE "
                + column + " = ? FOR UPDATE" + (noWait ? " NOWAIT" : ""))) {
            lock.setString(1, id);
            try (ResultSet r = lock.executeQuery()) {
                assertEquals(true, r.next(), table + " has a row " + id);
            }
        }
    }

    private static Connection transaction() throws SQLException {
        Connection c = PostgresCluster.superuser(System.getProperty("playball.db.name", "test"));
        c.setAutoCommit(false);
        return c;
    }

    private static String table(String name) {
        return PostgresCluster.groupsSchema() + "." + name;
    }
}
