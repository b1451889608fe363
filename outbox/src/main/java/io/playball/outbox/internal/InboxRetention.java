package io.playball.outbox.internal;

import io.playball.outbox.Inbox;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Keeps the inbox from growing without bound: rows older than the retention are deleted on a schedule, in small
 * batches, each in its own short transaction (no long locks). An event redelivered after its row is gone must be
 * harmless to the application: a version check on what it applies turns it into a no-op.
 */
@ApplicationScoped
public class InboxRetention {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class.getName());

    @Inject
    Inbox inbox;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "playball.inbox.retention", defaultValue = "P7D")
    Duration retention;

    @Inject
    @ConfigProperty(name = "playball.inbox.purge.interval.ms", defaultValue = "3600000")
    long intervalMs;

    @Inject
    @ConfigProperty(name = "playball.inbox.purge.batch.size", defaultValue = "500")
    int batchSize;

    private ScheduledFuture<?> schedule;

    /** After the application's schema migration, which observes {@code Startup} at a lower priority. */
    synchronized void start(@Observes @Priority(2000) Startup startup) throws NamingException {
        if (schedule == null) {
            // looked up, not injected: the bean is added by an extension, and a lookup works whatever the server does
            // with resource annotations on such classes
            ManagedScheduledExecutorService scheduler =
                    InitialContext.doLookup("java:comp/DefaultManagedScheduledExecutorService");
            schedule = scheduler.scheduleWithFixedDelay(this::purgeExpired, intervalMs, intervalMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void purgeExpired() {
        try {
            purgeOlderThan(retention);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Inbox purge failed; next try in " + intervalMs + " ms", e);
        }
    }

    /** Deletes the rows received more than {@code age} ago, batch by batch; returns how many. */
    public long purgeOlderThan(Duration age) {
        var cutoff = clock.instant().minus(age);
        long total = 0;
        int deleted;
        do {
            deleted = inbox.purgeBatch(cutoff, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        if (total > 0) {
            LOG.log(Level.INFO, "Purged {0} inbox rows received before {1}", new Object[] {total, cutoff});
        }
        return total;
    }

    public Duration retention() {
        return retention;
    }
}
