package io.playball.it.support;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Follows a server's applied-events log while a run goes on, and keeps each applied event's commit-to-applied lag
 * with the instant it was applied: auth's commit (occurredAt) against the commit of the transaction that applied it,
 * both server times. The log lives in the server's memory and counts from its start: after a restart it is read from
 * the beginning again. Events applied just before a server is killed and not yet read are not in the timeline; the
 * ledger, not the timeline, says whether anything was lost.
 */
public final class LagTimeline {

    private static final long POLL_MS = 250;

    /** One applied event: when it was applied, and its lag in microseconds. */
    public record Sample(Instant appliedAt, long lagMicros) {
    }

    private final String base;
    private final Supplier<String> operatorToken;
    private final List<Sample> samples = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private long cursor;
    private long missed;
    private long repeated;
    private ScheduledExecutorService reader;

    public LagTimeline(String base, Supplier<String> operatorToken) {
        this.base = base;
        this.operatorToken = operatorToken;
    }

    public LagTimeline start() {
        reader = Executors.newSingleThreadScheduledExecutor();
        reader.scheduleWithFixedDelay(this::readQuietly, 0, POLL_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Reads to the end of the log once more, then stops following it. */
    public List<Sample> stop() {
        reader.shutdown();
        try {
            reader.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        read();
        return samples();
    }

    /** The server was killed: its successor's log starts from the beginning. */
    public synchronized void serverRestarted() {
        cursor = 0;
    }

    /** The events timed so far, in the order they were applied. */
    public synchronized List<Sample> samples() {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(java.util.Comparator.comparing(Sample::appliedAt));
        return sorted;
    }

    /** Events the server's log had already dropped when they were read: none unless the reader fell far behind. */
    public synchronized long missed() {
        return missed;
    }

    /** Events the log showed applied a second time: a second check, beside the inbox's counts, that none is. */
    public synchronized long repeated() {
        return repeated;
    }

    private void readQuietly() {
        try {
            read();
        } catch (RuntimeException e) {
            // the server away or its answer cut short: read on at the next tick
        }
    }

    private synchronized void read() {
        while (true) {
            HttpResponse<String> answer = Api.sendTo(base, "GET", "/groups/api/admin/applied-events?limit=20000&after="
                    + cursor, operatorToken.get(), null, null, Map.of());
            if (answer.statusCode() != 200) {
                return;
            }
            JsonObject page = Json.parse(answer.body());
            if (page.getJsonNumber("newest").longValue() < cursor) {
                cursor = 0;  // a new server: its log counts from its start
                continue;
            }
            missed += page.getJsonNumber("missed").longValue();
            List<JsonObject> events = page.getJsonArray("events").getValuesAs(JsonObject.class);
            for (JsonObject e : events) {
                if (seen.add(e.getString("userId") + "/" + e.getJsonNumber("userVersion").longValue())) {
                    Instant occurred = Instant.parse(e.getString("occurredAt"));
                    Instant applied = Instant.parse(e.getString("appliedAt"));
                    samples.add(new Sample(applied, Math.max(0, Duration.between(occurred, applied).toNanos() / 1_000)));
                } else {
                    repeated++;
                }
            }
            cursor = page.getJsonNumber("next").longValue();
            if (events.isEmpty()) {
                return;
            }
        }
    }
}
