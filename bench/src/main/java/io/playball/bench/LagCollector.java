package io.playball.bench;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Reads groups' applied-events log from a cursor until every committed change is in it, and takes each one's
 * commit-to-applied lag: its occurredAt (auth's commit) against the commit of the transaction that applied it. Both
 * times come from the server, so the bench's clock does not enter. With several servers each keeps the log of what
 * its own consumer applied: each is read from its own cursor.
 */
final class LagCollector {

    /** Gives up once no committed change has turned up for this long (other events, e.g. samplers', do not count). */
    private static final Duration NO_PROGRESS = Duration.ofSeconds(60);
    private static final int PAGE = 20_000;
    private static final long HIGHEST = 3_600_000_000L;  // an hour, in microseconds

    private final BenchSetup setup;

    LagCollector(BenchSetup setup) {
        this.setup = setup;
    }

    /** The lag of the changes found, with the second each was applied in. */
    static final class Lag {
        final Histogram histogram = new Histogram(HIGHEST, 3);  // microseconds
        /** By whole seconds since the origin (or the first applied); each histogram's count is what was applied. */
        final TreeMap<Long, Histogram> perSecond = new TreeMap<>();
        long matched;
        long missed;
        Instant firstApplied;
        Instant lastApplied;
    }

    /** Each server's newest seq: read from there to see only what is applied from now on. */
    long[] newest() {
        List<PlayBallClient> servers = setup.servers();
        long[] cursors = new long[servers.size()];
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = servers.get(i).appliedEvents(setup.admin(), 0, 1).getJsonNumber("newest").longValue();
        }
        return cursors;
    }

    /**
     * @param origin where the per-second buckets count from; null for the first applied change (one server only)
     */
    Lag collect(long[] from, Set<String> committed, Instant origin) {
        List<PlayBallClient> servers = setup.servers();
        long[] cursors = from.clone();
        Lag lag = new Lag();
        Set<String> seen = new HashSet<>();
        Instant lastProgress = Instant.now();
        long lastReport = System.nanoTime();
        while (lag.matched < committed.size()
                && Duration.between(lastProgress, Instant.now()).compareTo(NO_PROGRESS) < 0) {
            long matchedBefore = lag.matched;
            boolean nothingNew = true;
            for (int i = 0; i < servers.size(); i++) {
                JsonObject page = servers.get(i).appliedEvents(setup.admin(), cursors[i], PAGE);
                lag.missed += page.getJsonNumber("missed").longValue();
                cursors[i] = page.getJsonNumber("next").longValue();
                List<JsonObject> events = page.getJsonArray("events").getValuesAs(JsonObject.class);
                nothingNew &= events.isEmpty();
                for (JsonObject e : events) {
                    String key = e.getString("userId") + "/" + e.getJsonNumber("userVersion").longValue();
                    if (committed.contains(key) && seen.add(key)) {
                        record(lag, Instant.parse(e.getString("occurredAt")),
                                Instant.parse(e.getString("appliedAt")), origin);
                    }
                }
            }
            if (lag.matched > matchedBefore) {
                lastProgress = Instant.now();
            }
            if (nothingNew) {
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
            if (System.nanoTime() - lastReport >= 2_000_000_000L && lag.matched < committed.size()) {
                lastReport = System.nanoTime();
                System.out.printf("  applied %d of %d%n", lag.matched, committed.size());
            }
        }
        return lag;
    }

    private static void record(Lag lag, Instant occurred, Instant applied, Instant origin) {
        long micros = Math.min(HIGHEST, Math.max(0, Duration.between(occurred, applied).toNanos() / 1_000));
        lag.histogram.recordValue(micros);
        lag.firstApplied = lag.firstApplied == null || applied.isBefore(lag.firstApplied) ? applied : lag.firstApplied;
        lag.lastApplied = lag.lastApplied == null || applied.isAfter(lag.lastApplied) ? applied : lag.lastApplied;
        Instant from = origin != null ? origin : lag.firstApplied;
        long second = Math.max(0, Duration.between(from, applied).toMillis() / 1_000);
        lag.perSecond.computeIfAbsent(second, s -> new Histogram(HIGHEST, 3)).recordValue(micros);
        lag.matched++;
    }
}
