package io.playball.outbox.internal;

import io.playball.outbox.OutboxDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the outbox table fit on PostgreSQL where autovacuum is off or late: vacuums it after every
 * {@code vacuum.after.rows} rows the relay has deleted, and analyzes it after as many rows written. The table is a
 * queue: every event is one insert and one delete, so it holds almost nothing live and a dead row for every event sent
 * since the last vacuum, which the claim's index scan walks through. A vacuum also records how few rows are live; a
 * backlog that builds up afterwards (relay held, broker down) is unknown to the planner until an analyze, and its
 * plan of the claim for a table it takes for nearly empty checks every waiting row against its key's older rows, one
 * row at a time (docs/configuration.md). A plain {@code VACUUM} takes no lock that writers wait for, neither does
 * {@code ANALYZE}, and {@code SKIP_LOCKED} skips either while autovacuum is at work on the table. Derby reclaims the
 * pages of deleted rows and keeps its statistics itself, so there it does nothing.
 */
@ApplicationScoped
public class OutboxVacuum {

    private static final Logger LOG = Logger.getLogger(OutboxVacuum.class.getName());

    @Inject
    OutboxSettings settings;

    @Inject
    OutboxMetrics metrics;

    @Inject
    @OutboxDatabase
    DataSource dataSource;

    @Inject
    ManagedResources resources;

    private final AtomicLong deletedSinceVacuum = new AtomicLong();
    private final AtomicLong writtenSinceAnalyze = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean();
    /** null until the first vacuum is due; then whether this database is PostgreSQL */
    private volatile Boolean postgresql;

    /** The relay deleted this many sent rows. */
    void deleted(int rows) {
        due(deletedSinceVacuum, rows);
    }

    /** This server wrote this many rows (committed or not: the count is a trigger, not a figure). */
    void written(int rows) {
        due(writtenSinceAnalyze, rows);
    }

    private void due(AtomicLong counter, int rows) {
        long threshold = settings.vacuumAfterRows();
        if (threshold <= 0 || Boolean.FALSE.equals(postgresql)) {
            return;
        }
        if (counter.addAndGet(rows) >= threshold && running.compareAndSet(false, true)) {
            try {
                resources.executor().execute(this::maintain);
            } catch (RejectedExecutionException e) {
                // the server is stopping: the caller's write or delete stands, the count carries over to the next
                running.set(false);
                LOG.log(Level.FINE, "Outbox table maintenance not queued", e);
            }
        }
    }

    /** Runs what is due, one statement at a time; a count that passes its threshold meanwhile waits for the next. */
    private void maintain() {
        try (Connection connection = dataSource.getConnection()) {
            if (postgresql == null) {
                postgresql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            }
            if (!postgresql) {
                return;
            }
            connection.setAutoCommit(true);  // VACUUM cannot run inside a transaction block
            long threshold = settings.vacuumAfterRows();
            if (writtenSinceAnalyze.get() >= threshold) {
                long written = writtenSinceAnalyze.getAndSet(0);
                run(connection, "ANALYZE (SKIP_LOCKED) ", "Analyzed {0} after {1} written rows in {2} ms", written);
            }
            if (deletedSinceVacuum.get() >= threshold) {
                long dead = deletedSinceVacuum.getAndSet(0);
                run(connection, "VACUUM (SKIP_LOCKED) ", "Vacuumed {0} after {1} deleted rows in {2} ms", dead);
                metrics.vacuumed();
            }
        } catch (SQLException | RuntimeException e) {
            // Not a correctness matter: the next batch of writes or deletes tries again.
            LOG.log(Level.WARNING, "Could not vacuum or analyze the outbox table; will try again", e);
        } finally {
            running.set(false);
        }
    }

    private void run(Connection connection, String command, String done, long rows) throws SQLException {
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            statement.execute(command + settings.table());
        }
        LOG.log(Level.FINE, done, new Object[] {settings.table(), rows, (System.nanoTime() - started) / 1_000_000});
    }
}
