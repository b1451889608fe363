package io.playball.it.support;

import io.playball.it.support.LagTimeline.Sample;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A chaos run's result in the bench's format ({@code <time>-chaos.json}, from which the bench's {@code charts}
 * command draws the lag chart with the faults marked and writes the Markdown summary): the settings, the ledger's
 * totals, the lag, and each fault with its start, its end and its recovery time.
 *
 * <p>Recovery is measured from the end of a fault until the lag is back under 100 ms: the first applied event from
 * which every event applied over the next two seconds (or until the next fault) was applied within 100 ms of its
 * commit. Caught up is the time from the end of a fault until the last event committed before that end was applied:
 * the backlog worked off, however long the lag then takes to settle (a restarted server compiles for a minute).
 */
public final class ChaosReport {

    static final long RECOVERED_MICROS = 100_000;
    private static final Duration STEADY = Duration.ofSeconds(2);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** A fault as it happened: what, on what, from when to when (an instant fault starts and ends at once). */
    public record Fault(String kind, String target, Instant start, Instant end) {
    }

    private final Instant origin;
    private final JsonObjectBuilder settings = Json.createObjectBuilder();
    private final JsonObjectBuilder figures = Json.createObjectBuilder();
    private final List<String> notes = new ArrayList<>();
    private final JsonArrayBuilder faultRows = Json.createArrayBuilder();
    private final JsonArrayBuilder perSecond = Json.createArrayBuilder();
    private Duration worstRecovery = Duration.ZERO;
    private Duration worstCaughtUp = Duration.ZERO;
    private int unrecovered;

    public ChaosReport(Instant origin) {
        this.origin = origin;
    }

    public ChaosReport setting(String name, Object value) {
        settings.add(name, value instanceof Number n ? Json.createValue(n.longValue()) : Json.createValue(
                String.valueOf(value)));
        return this;
    }

    public ChaosReport figure(String name, long value) {
        figures.add(name, value);
        return this;
    }

    public ChaosReport figure(String name, String value) {
        figures.add(name, value);
        return this;
    }

    public ChaosReport note(String text) {
        notes.add(text);
        return this;
    }

    /** The lag figures and timeline, and each fault's recovery, from the samples of the whole run. */
    public ChaosReport lag(List<Sample> samples, List<Fault> faults, Instant until) {
        List<Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(Sample::appliedAt));
        long[] all = sorted.stream().mapToLong(Sample::lagMicros).sorted().toArray();
        JsonObjectBuilder lag = Json.createObjectBuilder().add("count", all.length);
        for (String p : new String[] {"p50", "p90", "p99", "p99.9"}) {
            lag.add(p, ms(percentile(all, Double.parseDouble(p.substring(1)))));
        }
        figures.add("commitToAppliedLagMs", lag.add("max", ms(all.length == 0 ? 0 : all[all.length - 1])));

        Map<Long, List<Long>> bySecond = new TreeMap<>();
        for (Sample s : sorted) {
            long second = Math.max(0, Duration.between(origin, s.appliedAt()).toSeconds());
            bySecond.computeIfAbsent(second, k -> new ArrayList<>()).add(s.lagMicros());
        }
        bySecond.forEach((second, lags) -> {
            long[] l = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            perSecond.add(Json.createObjectBuilder().add("second", second).add("count", l.length)
                    .add("p50", ms(percentile(l, 50))).add("p99", ms(percentile(l, 99)))
                    .add("max", ms(l[l.length - 1])));
        });

        for (int i = 0; i < faults.size(); i++) {
            Fault f = faults.get(i);
            Instant next = i + 1 < faults.size() ? faults.get(i + 1).start() : until;
            Duration recovery = recovery(sorted, f.end(), next);
            JsonObjectBuilder row = Json.createObjectBuilder().add("n", i + 1).add("fault", f.kind())
                    .add("target", f.target())
                    .add("startSecond", seconds(f.start())).add("endSecond", seconds(f.end()))
                    .add("heldMs", Duration.between(f.start(), f.end()).toMillis());
            if (recovery == null) {
                unrecovered++;
                row.add("recoveryMs", "not before the next fault");
            } else {
                row.add("recoveryMs", recovery.toMillis());
                worstRecovery = recovery.compareTo(worstRecovery) > 0 ? recovery : worstRecovery;
            }
            Duration caughtUp = caughtUp(sorted, f.end());
            row.add("caughtUpMs", caughtUp.toMillis());
            worstCaughtUp = caughtUp.compareTo(worstCaughtUp) > 0 ? caughtUp : worstCaughtUp;
            faultRows.add(row);
        }
        figures.add("faults", faults.size()).add("worstCaughtUpMs", worstCaughtUp.toMillis())
                .add("worstRecoveryMs", worstRecovery.toMillis())
                .add("faultsWithoutRecoveryBeforeTheNext", unrecovered);
        return this;
    }

    /**
     * From the end of the fault to the first event of a steady stretch under the limit; null if none before next.
     *
     * @param sorted the samples in the order they were applied
     */
    public static Duration recovery(List<Sample> sorted, Instant end, Instant next) {
        int i = firstAtOrAfter(sorted, end);
        while (i < sorted.size() && sorted.get(i).appliedAt().isBefore(next)) {
            Instant from = sorted.get(i).appliedAt();
            Instant to = from.plus(STEADY).isBefore(next) ? from.plus(STEADY) : next;
            int bad = -1;
            for (int k = i; k < sorted.size() && sorted.get(k).appliedAt().isBefore(to); k++) {
                if (sorted.get(k).lagMicros() >= RECOVERED_MICROS) {
                    bad = k;
                    break;
                }
            }
            if (bad < 0) {
                return Duration.between(end, from);
            }
            i = bad + 1;
        }
        return null;
    }

    /** From the end of the fault until the last event committed before it was applied (zero if none was left). */
    static Duration caughtUp(List<Sample> sorted, Instant end) {
        Instant last = end;
        for (Sample s : sorted) {
            Instant committed = s.appliedAt().minusNanos(s.lagMicros() * 1_000);
            if (committed.isBefore(end) && s.appliedAt().isAfter(last)) {
                last = s.appliedAt();
            }
        }
        return Duration.between(end, last);
    }

    private static int firstAtOrAfter(List<Sample> sorted, Instant t) {
        int lo = 0;
        int hi = sorted.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted.get(mid).appliedAt().isBefore(t)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    public Duration worstRecovery() {
        return worstRecovery;
    }

    /** Writes {@code <time>-chaos.json} into the directory; returns the file. */
    public Path write(Path dir) {
        Runtime rt = Runtime.getRuntime();
        JsonObjectBuilder machine = Json.createObjectBuilder().add("cores", rt.availableProcessors())
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .add("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .add("memoryGiB", memoryGiB()).add("database", "postgresql");
        JsonObjectBuilder detail = Json.createObjectBuilder().add("faults", faultRows).add("lagPerSecond", perSecond);
        if (!notes.isEmpty()) {
            detail.add("notes", Json.createArrayBuilder(notes));
        }
        JsonObject result = Json.createObjectBuilder().add("scenario", "chaos").add("startedAt", origin.toString())
                .add("machine", machine).add("settings", settings).add("figures", figures).add("detail", detail)
                .build();
        StringWriter out = new StringWriter();
        Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out).write(result);
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_TIME.format(origin) + "-chaos.json");
            Files.writeString(file, out.toString().strip() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double seconds(Instant t) {
        return Duration.between(origin, t).toMillis() / 1000.0;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static double memoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024) * 10) / 10.0;
        }
        return -1;
    }
}
