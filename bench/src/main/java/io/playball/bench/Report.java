package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriterFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One run's settings and figures: a JSON file under bench/results/, and next to it the charts and a Markdown summary,
 * both drawn from the JSON alone so that {@code charts <result.json>} can draw them again.
 */
final class Report {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    /** Drawn when the run was profiled; kept, since the stacks it is drawn from are not. */
    static final String FLAME_GRAPH = "-flame-graph.svg";

    private final String scenario;
    private final Instant started = Instant.now();
    private final JsonObjectBuilder machine = Json.createObjectBuilder();
    private final JsonObjectBuilder settings = Json.createObjectBuilder();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final JsonObjectBuilder extra = Json.createObjectBuilder();
    private final List<String> notes = new ArrayList<>();
    private String markdown;
    private Profile profile;

    Report(String scenario, Options options, String run) {
        this.scenario = scenario;
        Runtime rt = Runtime.getRuntime();
        machine.add("cores", rt.availableProcessors())
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .add("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .add("memoryGiB", totalMemoryGiB())
                .add("database", options.database());  // the server's, as given: the bench asks the server nothing
        settings.add("run", run).add("baseUrl", options.baseUrl()).add("database", options.database())
                .add("quick", options.quick());
    }

    Report setting(String name, long value) {
        settings.add(name, value);
        return this;
    }

    Report figure(String name, long value) {
        figures.put(name, value);
        return this;
    }

    /**
     * CPU seconds per 1,000 events of each process role (see {@link ProcessCpu}), rounded to the millisecond, and
     * of the pipeline: every role but the bench's own load generator.
     */
    Report cpuPerThousand(String name, Map<String, Double> cpuSeconds, long events) {
        Map<String, Object> perRole = new LinkedHashMap<>();
        double pipeline = 0;
        for (Map.Entry<String, Double> role : cpuSeconds.entrySet()) {
            if (role.getKey().equals("total")) {
                continue;
            }
            double perThousand = events == 0 ? 0 : role.getValue() * 1000.0 / events;
            perRole.put(role.getKey(), Math.round(perThousand * 1000) / 1000.0);
            pipeline += role.getKey().equals("bench") ? 0 : perThousand;
        }
        perRole.put("pipeline", Math.round(pipeline * 1000) / 1000.0);
        figures.put(name, perRole);
        return this;
    }

    /**
     * The server's profile of the measured phase: the share of its samples per part as a table, and its flame graph
     * beside the charts.
     */
    Report profile(Profile profile) {
        this.profile = profile;
        JsonArrayBuilder parts = Json.createArrayBuilder();
        profile.shares().forEach((part, percent) -> parts.add(Json.createObjectBuilder().add("part", part)
                .add("percentOfSamples", percent)));
        extra.add("profileParts", parts);
        figures.put("serverProfileSamples", profile.samples());
        return this;
    }

    /** p50, p90, p99, max and count of a histogram recorded in microseconds, in milliseconds. */
    Report latency(String name, Histogram micros) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("count", micros.getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            l.put("p" + (p == Math.floor(p) ? String.valueOf((int) p) : String.valueOf(p)),
                    ms(micros.getValueAtPercentile(p)));
        }
        l.put("max", ms(micros.getMaxValue()));
        figures.put(name, l);
        return this;
    }

    Report series(String name, TreeMap<Long, Histogram> perSecond) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        perSecond.forEach((second, h) -> points.add(Json.createObjectBuilder().add("second", second)
                .add("count", h.getTotalCount()).add("p50", ms(h.getValueAtPercentile(50)))
                .add("p99", ms(h.getValueAtPercentile(99))).add("max", ms(h.getMaxValue()))));
        extra.add(name, points);
        return this;
    }

    /**
     * The whole distribution for a percentile plot: about five points per halving of the tail, each {percentile, ms}.
     * The last (100%) point is put at 1 - 1/count, where a log scale of nines can still show it.
     */
    Report percentiles(String name, Histogram micros) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        long count = micros.getTotalCount();
        for (HistogramIterationValue v : count == 0 ? List.<HistogramIterationValue>of() : micros.percentiles(5)) {
            double percentile = Math.min(v.getPercentileLevelIteratedTo(), 100.0 * (1 - 1.0 / count));
            points.add(Json.createObjectBuilder().add("percentile", percentile)
                    .add("ms", ms(v.getValueIteratedTo())));
        }
        extra.add(name, points);
        return this;
    }

    /** Anything else worth keeping, e.g. a table's rows as objects. */
    Report detail(String name, JsonValue value) {
        extra.add(name, value);
        return this;
    }

    /** A sentence for whoever reads the figures, e.g. what a figure includes that its name does not say. */
    Report note(String text) {
        notes.add(text);
        return this;
    }

    Report samples(String name, List<String> texts) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        texts.forEach(a::add);
        extra.add(name, a);
        return this;
    }

    /** Built once: a JSON builder is empty after build(). */
    private JsonObject built;

    synchronized JsonObject json() {
        if (built == null) {
            built = build();
        }
        return built;
    }

    private JsonObject build() {
        JsonObjectBuilder f = Json.createObjectBuilder();
        figures.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                JsonObjectBuilder o = Json.createObjectBuilder();
                m.forEach((mk, mv) -> {
                    if (mv instanceof Double d) {
                        o.add((String) mk, d);
                    } else {
                        o.add((String) mk, (Long) mv);
                    }
                });
                f.add(k, o);
            } else {
                f.add(k, (Long) v);
            }
        });
        if (!notes.isEmpty()) {
            extra.add("notes", Json.createArrayBuilder(notes));
        }
        return Json.createObjectBuilder().add("scenario", scenario).add("startedAt", started.toString())
                .add("machine", machine).add("settings", settings).add("figures", f).add("detail", extra).build();
    }

    /** The summary, with links to the charts once {@link #write} has drawn them. */
    String markdown() {
        return markdown != null ? markdown : Summary.markdown(json(), List.of());
    }

    /** Writes {@code <time>-<scenario>.json}, its charts and its {@code .md}; returns the JSON file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = FILE_TIME.format(started) + "-" + scenario;
        Path json = dir.resolve(base + ".json");
        JsonWriterFactory pretty = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        pretty.createWriter(out).write(json());
        Files.writeString(json, out.toString().strip() + "\n");
        if (profile != null) {
            FlameGraph.write(profile, "PlayBall server, " + scenario + " " + FILE_TIME.format(started) + ": "
                    + profile.event() + " samples (" + profile.samples() + ")", dir.resolve(base + FLAME_GRAPH));
            Files.write(dir.resolve(base + "-profile.collapsed"), profile.collapsed());  // large: not committed
        }
        markdown = publish(json(), dir, base);
        return json;
    }

    /** Draws the charts of a result and writes its {@code <base>.md} beside it; returns the Markdown. */
    static String publish(JsonObject result, Path dir, String base) throws IOException {
        List<Path> charts;
        try {
            charts = Charts.draw(result, dir, base);
        } catch (RuntimeException | IOException e) {
            System.err.println("no charts: " + e);  // the figures are written; the charts can be drawn again later
            charts = List.of();
        }
        if (Files.exists(dir.resolve(base + FLAME_GRAPH))) {
            charts = new ArrayList<>(charts);
            charts.add(dir.resolve(base + FLAME_GRAPH));
        }
        String md = Summary.markdown(result, charts.stream().map(p -> p.getFileName().toString()).toList());
        Files.writeString(dir.resolve(base + ".md"), md);
        return md;
    }

    static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static double totalMemoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024) * 10) / 10.0;
        }
        return -1;
    }
}
