package io.playball.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine's PostgreSQL cluster, as the faults use it: stopped and started with pg_ctlcluster, the services'
 * connections cut, a table locked, a fresh database made. All as the superuser, over trust authentication.
 */
public final class PostgresCluster {

    private PostgresCluster() {
    }

    /** Whether this machine's cluster can be stopped and started from here (Debian's pg_ctlcluster). */
    public static boolean controllable() {
        return new File("/etc/postgresql").isDirectory();
    }

    /** A fast stop: open connections are cut, as when the database's machine goes away. */
    public static void stop() {
        pgCtlCluster("stop", "-m", "fast");
    }

    /** Starts the cluster and waits until it accepts connections. */
    public static void start() {
        pgCtlCluster("start");
        Poll.until("PostgreSQL to accept connections", Duration.ofSeconds(60), () -> {
            try {
                return new ProcessBuilder("pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432").start()
                        .waitFor() == 0;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
    }

    /** The schema of auth's tables: its role's own (the CI's PostgreSQL pass), or public as the superuser. */
    public static String authSchema() {
        return schemaOf(System.getProperty("playball.auth.db.user", "postgres"));
    }

    /** The schema of groups' tables, as {@link #authSchema}. */
    public static String groupsSchema() {
        return schemaOf(System.getProperty("playball.groups.db.user", "postgres"));
    }

    private static String schemaOf(String user) {
        return user.equals("postgres") ? "public" : user;
    }

    public static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + database, "postgres", "");
    }

    /** Drops and makes the database again, empty, owned by the superuser; returns its name. */
    public static String freshDatabase(String name) {
        try (Connection c = superuser(System.getProperty("playball.db.name", "test"));
             Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("could not make the database " + name, e);
        }
    }

    /** Terminates every other session on the database (the services' pooled connections); returns how many. */
    public static int terminateConnections(String database) {
        try (Connection c = superuser(database); Statement st = c.createStatement();
             ResultSet r = st.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not terminate the connections to " + database, e);
        }
    }

    /**
     * Takes an ACCESS EXCLUSIVE lock on the table in a transaction held open until {@link TableLock#close()}: whoever
     * needs the table waits, as behind a long migration.
     */
    public static TableLock lock(String database, String table) {
        try {
            Connection c = superuser(database);
            try {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("LOCK TABLE " + table + " IN ACCESS EXCLUSIVE MODE");
                }
                return new TableLock(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock " + table, e);
        }
    }

    /** A held table lock; closing it ends the transaction (a restart meanwhile has ended it already). */
    public static final class TableLock implements AutoCloseable {
        private final Connection connection;

        private TableLock(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() {
            try (connection) {
                connection.rollback();
            } catch (SQLException e) {
                // the session is gone (a restart or a termination meanwhile): so is its lock
            }
        }
    }

    private static void pgCtlCluster(String action, String... options) {
        try {
            String version = new File("/etc/postgresql").list()[0];
            List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect", version,
                    "main", action));
            command.addAll(List.of(options));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
