package io.playball.groups.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/** What the consumer has done since the server started; reported in /health/ready. */
@ApplicationScoped
public class ConsumerCounters {

    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong parked = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();

    void count(UserEventSink.Outcome outcome) {
        switch (outcome) {
            case APPLIED -> applied.incrementAndGet();
            case DUPLICATE -> duplicates.incrementAndGet();
            case STALE -> stale.incrementAndGet();
        }
    }

    void parked() {
        parked.incrementAndGet();
    }

    void retried() {
        retries.incrementAndGet();
    }

    public long applied() {
        return applied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long stale() {
        return stale.get();
    }

    public long parkedCount() {
        return parked.get();
    }

    public long retries() {
        return retries.get();
    }
}
