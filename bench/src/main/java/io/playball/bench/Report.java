package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** One run's settings and figures: a JSON file and a Markdown summary under bench/results/. */
final class Report {

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final String scenario;
    private final Instant started = Instant.now();
    private final JsonObjectBuilder machine = Json.createObjectBuilder();
    private final JsonObjectBuilder settings = Json.createObjectBuilder();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final JsonObjectBuilder extra = Json.createObjectBuilder();

    Report(String scenario, Options options, String run) {
        this.scenario = scenario;
        Runtime rt = Runtime.getRuntime();
        machine.add("cores", rt.availableProcessors())
                .add("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"))
                .add("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .add("memoryGiB", totalMemoryGiB());
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
        return Json.createObjectBuilder().add("scenario", scenario).add("startedAt", started.toString())
                .add("machine", machine).add("settings", settings).add("figures", f).add("detail", extra).build();
    }

    String markdown() {
        JsonObject j = json();
        StringBuilder md = new StringBuilder();
        md.append("# PlayBall bench: ").append(scenario).append(", ").append(started).append("\n\n");
        md.append("Machine: ").append(j.getJsonObject("machine")).append("  \n");
        md.append("Settings: ").append(j.getJsonObject("settings")).append("\n\n");
        md.append("| figure | value |\n|---|---|\n");
        figures.forEach((k, v) -> {
            if (v instanceof Map<?, ?> m) {
                StringBuilder cells = new StringBuilder();
                m.forEach((mk, mv) -> cells.append(cells.length() == 0 ? "" : ", ").append(mk).append(" ")
                        .append(mv));
                md.append("| ").append(k).append(" | ").append(cells).append(" |\n");
            } else {
                md.append("| ").append(k).append(" | ").append(v).append(" |\n");
            }
        });
        return md.toString();
    }

    /** Writes {@code <time>-<scenario>.json} and {@code .md}; returns the JSON file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = FILE_TIME.format(started) + "-" + scenario;
        Path json = dir.resolve(base + ".json");
        JsonWriterFactory pretty = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
        StringWriter out = new StringWriter();
        pretty.createWriter(out).write(json());
        Files.writeString(json, out.toString().strip() + "\n");
        Files.writeString(dir.resolve(base + ".md"), markdown());
        return json;
    }

    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static double totalMemoryGiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024) * 10) / 10.0;
        }
        return -1;
    }
}
