package io.playball.it.support;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The application's figures from /metrics (Prometheus text), read the way a scraper would. */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Double> samples;

    private Metrics(Map<String, Double> samples) {
        this.samples = samples;
    }

    /** One scrape of the application scope. */
    public static Metrics scrape() {
        return scrapeAt(Api.baseUrl());
    }

    /** One scrape of the application scope of the server at {@code base}. */
    public static Metrics scrapeAt(String base) {
        HttpResponse<String> r = Api.sendTo(base, "GET", "/metrics?scope=application", null, null, null,
                Map.of("Accept", "text/plain"));
        if (r.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + r.statusCode() + ": " + r.body());
        }
        Map<String, Double> samples = new HashMap<>();
        for (String line : r.body().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line.trim());
            if (!m.matches()) {
                throw new AssertionError("not a Prometheus sample line: " + line);
            }
            samples.put(key(m.group(1), m.group(3)), Double.parseDouble(m.group(4)));
        }
        return new Metrics(samples);
    }

    /** The names of every sample, e.g. {@code playball_event_lag_seconds_bucket}. */
    public java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        samples.keySet().forEach(k -> names.add(k.substring(0, k.indexOf('{'))));
        return names;
    }

    /** The sample {@code name} with these labels (besides mp_scope), e.g. value("x_total", "path", "fast"). */
    public double value(String name, String... labels) {
        TreeMap<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        StringBuilder joined = new StringBuilder();
        wanted.forEach((k, v) -> joined.append(joined.isEmpty() ? "" : ",").append(k).append('=').append(v));
        String key = name + "{" + joined + "}";
        Double v = samples.get(key);
        if (v == null) {
            throw new AssertionError("no sample " + key + " on /metrics; have " + samples.keySet());
        }
        return v;
    }

    /** As {@link #value}, and 0 for a counter that was never registered (nothing it counts has happened). */
    public double valueOrZero(String name, String... labels) {
        try {
            return value(name, labels);
        } catch (AssertionError absent) {
            return 0;
        }
    }

    /** How much the sample grew from {@code before} to this scrape. */
    public double delta(Metrics before, String name, String... labels) {
        return value(name, labels) - before.value(name, labels);
    }

    private static String key(String name, String labels) {
        StringBuilder kept = new StringBuilder();
        if (labels != null) {
            Matcher m = LABEL.matcher(labels);
            TreeMap<String, String> sorted = new TreeMap<>();
            while (m.find()) {
                if (!m.group(1).equals("mp_scope")) {
                    sorted.put(m.group(1), m.group(2));
                }
            }
            sorted.forEach((k, v) -> kept.append(kept.isEmpty() ? "" : ",").append(k).append('=').append(v));
        }
        return name + "{" + kept + "}";
    }
}
