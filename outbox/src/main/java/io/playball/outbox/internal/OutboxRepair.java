package io.playball.outbox.internal;

import io.playball.outbox.OutboxPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The operator's tools on the outbox: what waits and why, sending one row now instead of after its backoff, holding
 * the relay and releasing it.
 */
@ApplicationScoped
public class OutboxRepair {

    private static final Logger LOG = Logger.getLogger(OutboxRepair.class.getName());

    @Inject
    OutboxStore store;

    @Inject
    OutboxRelay relay;

    @Inject
    OutboxHold hold;

    @Inject
    OutboxPublisher publisher;

    @Inject
    OutboxSweep sweep;

    @Inject
    OutboxSettings settings;

    public List<OutboxEntry> pending(int max) {
        return store.pending(max);
    }

    /**
     * Claims the row, if no older row of its key waits, and queues it on the relay; the send itself is asynchronous
     * (the row disappears when the broker has it, or shows another attempt and error when it fails).
     */
    public OutboxStore.Claim sendNow(String eventId) {
        if (!settings.relayEnabled()) {
            return new OutboxStore.Claim(OutboxStore.Claim.Result.RELAY_OFF, null);
        }
        OutboxStore.Claim claim = store.claimNow(eventId);
        if (claim.result() == OutboxStore.Claim.Result.CLAIMED) {
            OutboxEntry row = claim.row();
            if (!relay.resend(row.toPending())) {
                store.release(List.of(row.eventId()));
                return new OutboxStore.Claim(OutboxStore.Claim.Result.RELAY_BUSY, row);
            }
            LOG.log(Level.INFO, "Operator resend of event {0} ({1}, key {2}) queued",
                    new Object[] {row.eventId(), row.eventType(), row.aggregateId()});
        }
        return claim;
    }

    /** Stops this server's relay from sending: changes keep committing, their rows wait. */
    public void hold() {
        hold.set(true);
        LOG.log(Level.INFO, "Outbox relay of channel {0} held by an operator: changes commit, nothing is sent until"
                + " the hold is released", publisher.channel());
    }

    /** Lets the relay go again and starts draining what waits. */
    public void release() {
        hold.set(false);
        LOG.log(Level.INFO, "Outbox relay of channel {0} released: draining the backlog", publisher.channel());
        sweep.sweepSoon();
    }

    public boolean held() {
        return hold.isHeld();
    }

    public long sweepsHeldBack() {
        return hold.sweepsHeldBack();
    }

    public String channel() {
        return publisher.channel();
    }

    public long pendingCount() {
        return store.backlog().pending();
    }
}
