package io.playball.outbox.internal;

import io.playball.outbox.OutboxDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Vacuums the outbox table on PostgreSQL after every {@code vacuum.after.rows} rows the relay has deleted. The table
 * is a queue: every event is one insert and one delete, so it holds almost nothing live and a dead row for every event
 * sent since the last vacuum, which the claim's index scan walks through. Autovacuum handles that where it is on and
 * keeps up; where it is off or late, the claim slows down with every event (docs/configuration.md has the figures). A
 * plain {@code VACUUM} takes no lock that writers wait for, and {@code SKIP_LOCKED} skips it while autovacuum is at
 * work on the table. Derby reclaims the pages of deleted rows itself, so there it does nothing.
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
    private final AtomicBoolean running = new AtomicBoolean();
    /** null until the first vacuum is due; then whether this database is PostgreSQL */
    private volatile Boolean postgresql;

    /** The relay deleted this many sent rows. */
    void deleted(int rows) {
        long threshold = settings.vacuumAfterRows();
        if (threshold <= 0 || Boolean.FALSE.equals(postgresql)) {
            return;
        }
        if (deletedSinceVacuum.addAndGet(rows) >= threshold && running.compareAndSet(false, true)) {
            resources.executor().execute(this::vacuum);
        }
    }

    private void vacuum() {
        try (Connection connection = dataSource.getConnection()) {
            if (postgresql == null) {
                postgresql = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            }
            if (!postgresql) {
                return;
            }
            long dead = deletedSinceVacuum.getAndSet(0);
            connection.setAutoCommit(true);  // VACUUM cannot run inside a transaction block
            long started = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM (SKIP_LOCKED) " + settings.table());
            }
            metrics.vacuumed();
            LOG.log(Level.FINE, "Vacuumed {0} after {1} deleted rows in {2} ms",
                    new Object[] {settings.table(), dead, (System.nanoTime() - started) / 1_000_000});
        } catch (SQLException | RuntimeException e) {
            // Not a correctness matter: the next batch of deletes tries again.
            LOG.log(Level.WARNING, "Could not vacuum the outbox table; will try again", e);
        } finally {
            running.set(false);
        }
    }
}
