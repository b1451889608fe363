package io.playball.auth.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends what the fast path did not: rows written before a crash, rows whose send failed (broker down), rows whose
 * claim expired on another server. Runs on a ManagedScheduledExecutorService at a fixed delay, oldest rows first.
 */
@ApplicationScoped
public class OutboxSweep {

    private static final Logger LOG = Logger.getLogger(OutboxSweep.class.getName());

    @Inject
    OutboxStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxSettings settings;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private ScheduledFuture<?> schedule;

    synchronized void start() {
        if (schedule == null) {
            long every = settings.sweepInterval().toMillis();
            schedule = scheduler.scheduleWithFixedDelay(this::sweepOnce, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (schedule != null) {
            schedule.cancel(false);
        }
    }

    void sweepOnce() {
        try {
            List<PendingEvent> claimed = store.claimDue(settings.sweepBatchSize());
            int queued = 0;
            for (PendingEvent event : claimed) {
                if (!relay.submit(event)) {
                    break;  // relay saturated: the rest stay claimed until their lease runs out
                }
                queued++;
            }
            if (!claimed.isEmpty()) {
                LOG.log(Level.INFO, "Outbox sweep claimed {0} rows, queued {1}", new Object[] {claimed.size(), queued});
            }
        } catch (RuntimeException e) {
            // A failing sweep (database down) must not cancel the schedule.
            LOG.log(Level.WARNING, "Outbox sweep failed; next try in " + settings.sweepInterval(), e);
        }
    }
}
