package io.playball.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown summary of a result: the figures as a table, a ramp's steps, notes and the charts. */
final class Summary {

    /** Detail entries that read best as a table of their own (arrays of flat objects). */
    private static final Map<String, String> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("steps", "Steps");
        TABLES.put("layers", "Layers, each alone at the same concurrency (cpuPer1k: CPU seconds per 1,000 requests)");
        TABLES.put("faults", "Faults");
        TABLES.put("steadyTurns", "Steady load, by publisher");
        TABLES.put("drainTurns", "Drain, by publisher");
        TABLES.put("profileParts", "Server CPU profile: where the samples go (each charged to the first part its"
                + " stack names, read from the leaf)");
    }

    private Summary() {
    }

    static String markdown(JsonObject result, List<String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("# PlayBall bench: ").append(result.getString("scenario")).append(", ")
                .append(result.getString("startedAt")).append("\n\n");
        md.append("Machine: ").append(result.getJsonObject("machine")).append("  \n");
        md.append("Settings: ").append(result.getJsonObject("settings")).append("\n\n");
        md.append("| figure | value |\n|---|---|\n");
        result.getJsonObject("figures").forEach((name, value) -> md.append("| ").append(name).append(" | ")
                .append(cell(value)).append(" |\n"));
        JsonObject detail = result.getJsonObject("detail");
        TABLES.forEach((name, title) -> {
            if (detail.containsKey(name) && !detail.getJsonArray(name).isEmpty()) {
                md.append("\n").append(title).append(":\n\n").append(table(detail.getJsonArray(name)));
            }
        });
        if (detail.containsKey("notes")) {
            md.append("\nNotes:\n\n");
            detail.getJsonArray("notes").getValuesAs(JsonString.class)
                    .forEach(n -> md.append("- ").append(n.getString()).append("\n"));
        }
        if (detail.containsKey("errorSamples") && !detail.getJsonArray("errorSamples").isEmpty()) {
            md.append("\nFirst errors:\n\n");
            detail.getJsonArray("errorSamples").getValuesAs(JsonString.class)
                    .forEach(e -> md.append("- `").append(e.getString().replace('`', '\'')).append("`\n"));
        }
        if (!charts.isEmpty()) {
            md.append("\n");
            charts.forEach(file -> md.append("![").append(chartName(file)).append("](").append(file).append(")\n"));
        }
        return md.toString();
    }

    /** A latency figure reads "count 1500, p50 7.41, ..."; any other value as it is. */
    private static String cell(JsonValue value) {
        if (value instanceof JsonObject o) {
            return o.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        }
        if (value instanceof JsonString text) {
            return text.getString().replace("|", "\\|");
        }
        return value.toString();
    }

    private static String table(JsonArray rows) {
        List<String> columns = List.copyOf(rows.getJsonObject(0).keySet());
        StringBuilder md = new StringBuilder("| ").append(String.join(" | ", columns)).append(" |\n|")
                .append("---|".repeat(columns.size())).append("\n");
        for (JsonObject row : rows.getValuesAs(JsonObject.class)) {
            md.append("| ").append(columns.stream().map(c -> row.containsKey(c) ? cell(row.get(c)) : "")
                    .collect(Collectors.joining(" | "))).append(" |\n");
        }
        return md.toString();
    }

    /** "20261128-135730-steady-lag-over-time.png" reads "lag over time". */
    private static String chartName(String file) {
        String stem = file.replaceFirst("\\.(png|svg)$", "");
        String[] parts = stem.split("-", 4);
        return (parts.length == 4 ? parts[3] : stem).replace('-', ' ');
    }
}
