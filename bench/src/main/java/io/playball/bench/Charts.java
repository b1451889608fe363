package io.playball.bench;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Stroke;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG charts of a result, drawn from its JSON alone: {@code <base>-<chart>.png}, 1000×500, titled with the scenario,
 * the database, the rate and the date. A chart whose data the result lacks is left out.
 */
final class Charts {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 500;
    /** A log axis once the tail is this many times the median: a linear one would flatten everything but the tail. */
    private static final double LOG_SCALE_RATIO = 50;
    /** The smallest value a log axis shows; lags round to 0.00 ms at times. */
    private static final double LOG_FLOOR_MS = 0.01;
    private static final Paint[] PAINTS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x7f7f7f)};

    private Charts() {
    }

    static List<Path> draw(JsonObject result, Path dir, String base) throws IOException {
        List<Path> written = new ArrayList<>();
        JsonObject detail = result.getJsonObject("detail");
        switch (result.getString("scenario")) {
            case "steady", "rest" -> {
                if (!array(detail, "lagPerSecond").isEmpty()) {
                    written.add(save(lagOverTime(result), dir, base, "lag-over-time"));
                }
                written.add(save(lagDistribution(result), dir, base, "lag-distribution"));
            }
            case "ramp" -> {
                if (!array(detail, "steps").isEmpty()) {
                    written.add(save(ramp(result), dir, base, "ramp"));
                }
            }
            case "chaos" -> {
                if (!array(detail, "lagPerSecond").isEmpty()) {
                    written.add(save(chaos(result), dir, base, "lag-and-faults"));
                }
            }
            case "drain" -> {
                if (!array(detail, "appliedPerSecond").isEmpty()) {
                    written.add(save(drain(result), dir, base, "drain"));
                }
            }
            default -> {
                // a scenario without charts
            }
        }
        return written;
    }

    /** Per second since the first change was applied: p50, p99 and max of the commit-to-applied lag. */
    private static JFreeChart lagOverTime(JsonObject result) {
        XYSeries[] perSecond = lagPerSecond(result);
        XYSeries p50 = perSecond[0];
        XYSeries p99 = perSecond[1];
        XYSeries max = perSecond[2];
        JsonObject lag = result.getJsonObject("figures").getJsonObject("commitToAppliedLagMs");
        boolean log = lag != null && wide(number(lag, "p50"), number(lag, "max"));
        XYPlot plot = new XYPlot(collection(log, p50, p99, max), seconds("seconds since the first applied"),
                msAxis("commit-to-applied lag, ms", log), lines(false));
        return chart(title(result, "commit-to-applied lag per second"), plot);
    }

    /** The result's lag per second as three series: p50, p99 and max. */
    private static XYSeries[] lagPerSecond(JsonObject result) {
        XYSeries p50 = new XYSeries("p50");
        XYSeries p99 = new XYSeries("p99");
        XYSeries max = new XYSeries("max");
        for (JsonObject p : result.getJsonObject("detail").getJsonArray("lagPerSecond").getValuesAs(JsonObject.class)) {
            double second = number(p, "second");
            p50.add(second, number(p, "p50"));
            p99.add(second, number(p, "p99"));
            max.add(second, number(p, "max"));
        }
        return new XYSeries[] {p50, p99, max};
    }

    /**
     * HdrHistogram's percentile plot: x is 1/(1-p) on a log scale, so that each further nine gets the same width.
     * Falls back to the figures' p50..max for a result written before the distributions were kept.
     */
    private static JFreeChart lagDistribution(JsonObject result) {
        List<XYSeries> series = new ArrayList<>();
        boolean log = false;
        boolean sparse = false;
        double nines = 2;
        for (String[] s : new String[][] {{"httpLatencyMs", "HTTP latency"},
            {"commitToAppliedLagMs", "commit-to-applied lag"}, {"endToEndVisibilityMs", "end-to-end visibility"}}) {
            XYSeries xy = distribution(result, s[0], s[1]);
            if (xy.getItemCount() > 0) {
                series.add(xy);
                JsonObject summary = result.getJsonObject("figures").getJsonObject(s[0]);
                log |= wide(number(summary, "p50"), number(summary, "max"));
                nines = Math.max(nines, Math.ceil(xy.getMaxX()));
                sparse |= xy.getItemCount() < 10;
            }
        }
        NumberAxis percentile = new NinesAxis();
        percentile.setRange(0, nines + 0.2);  // room for the last tick's label
        XYPlot plot = new XYPlot(collection(log, series.toArray(XYSeries[]::new)), percentile,
                msAxis("ms", log), lines(sparse));  // a few summary points: show where they are
        return chart(title(result, "latency by percentile"), plot);
    }

    private static XYSeries distribution(JsonObject result, String figure, String label) {
        XYSeries xy = new XYSeries(label, true, true);
        JsonArray points = array(result.getJsonObject("detail"), figure.replaceFirst("Ms$", "") + "Percentiles");
        if (!points.isEmpty()) {
            for (JsonObject p : points.getValuesAs(JsonObject.class)) {
                xy.addOrUpdate(nines(number(p, "percentile")), number(p, "ms"));
            }
            return xy;
        }
        JsonObject summary = result.getJsonObject("figures").getJsonObject(figure);
        if (summary == null || number(summary, "count") == 0) {
            return xy;
        }
        for (String p : new String[] {"p50", "p90", "p99", "p99.9"}) {
            if (summary.containsKey(p)) {
                xy.addOrUpdate(nines(Double.parseDouble(p.substring(1))), number(summary, p));
            }
        }
        double count = number(summary, "count");
        xy.addOrUpdate(nines(100 * (1 - 1 / Math.max(2, count))), number(summary, "max"));
        return xy;
    }

    /** Per step: achieved against asked rate on the left, the step's lag p50/p99 and the limit on the right. */
    private static JFreeChart ramp(JsonObject result) {
        XYSeries asked = new XYSeries("asked");
        XYSeries achieved = new XYSeries("achieved");
        XYSeries p50 = new XYSeries("lag p50");
        XYSeries p99 = new XYSeries("lag p99");
        XYSeries limit = new XYSeries("lag limit");
        double limitMs = number(result.getJsonObject("settings"), "limitMs");
        for (JsonObject step : result.getJsonObject("detail").getJsonArray("steps").getValuesAs(JsonObject.class)) {
            double rate = number(step, "asked");
            asked.add(rate, rate);
            achieved.add(rate, number(step, "achieved"));
            p50.add(rate, number(step, "lagP50Ms"));
            p99.add(rate, number(step, "lagP99Ms"));
            limit.add(rate, limitMs);
        }
        boolean log = wide(Math.max(LOG_FLOOR_MS, p50.getMinY()), p99.getMaxY());
        XYLineAndShapeRenderer rates = lines(true);
        rates.setSeriesStroke(0, dashed());
        XYPlot plot = new XYPlot(collection(false, asked, achieved), new NumberAxis("asked rate, changes/s"),
                new NumberAxis("changes/s"), rates);
        XYLineAndShapeRenderer lags = lines(true);
        lags.setSeriesStroke(2, dashed());
        paintFrom(lags, 2);
        plot.setRangeAxis(1, msAxis("commit-to-applied lag, ms", log));
        plot.setDataset(1, collection(log, p50, p99, limit));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, lags);
        return chart(title(result, "rate held, and lag, per step"), plot);
    }

    /** Since the release: events applied per second (left) and applied in all (right). */
    private static JFreeChart drain(JsonObject result) {
        XYSeries perSecond = new XYSeries("applied per second");
        XYSeries cumulative = new XYSeries("applied in all");
        for (JsonObject p : result.getJsonObject("detail").getJsonArray("appliedPerSecond")
                .getValuesAs(JsonObject.class)) {
            perSecond.add(number(p, "second"), number(p, "count"));
            cumulative.add(number(p, "second") + 1, number(p, "cumulative"));  // in all by the second's end
        }
        XYStepRenderer steps = new XYStepRenderer();
        steps.setSeriesPaint(0, PAINTS[0]);
        steps.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(perSecond), seconds("seconds since the release"),
                new NumberAxis("events applied per second"), steps);
        XYLineAndShapeRenderer total = lines(false);
        paintFrom(total, 1);
        NumberAxis all = new NumberAxis("events applied in all");
        all.setAutoRangeIncludesZero(true);
        plot.setRangeAxis(1, all);
        plot.setDataset(1, new XYSeriesCollection(cumulative));
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, total);
        return chart(title(result, "draining the held outbox"), plot);
    }

    /**
     * The lag per second over the whole chaos run (log scale: a fault's backlog is thousands of times the steady
     * lag), each fault a shaded band from its start to its end (a line for one that takes no time), labelled.
     */
    private static JFreeChart chaos(JsonObject result) {
        XYSeries[] perSecond = lagPerSecond(result);
        XYSeries p50 = perSecond[0];
        XYSeries p99 = perSecond[1];
        XYSeries max = perSecond[2];
        // dots, not lines: a second in which nothing was applied (a fault) stays a gap rather than a slope
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        paintFrom(dots, 0);
        for (int i = 0; i < 3; i++) {
            dots.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        }
        XYPlot plot = new XYPlot(collection(true, max, p99, p50), seconds("seconds since the load started"),
                msAxis("commit-to-applied lag, ms", true), dots);
        Color band = new Color(0xff, 0x7f, 0x0e, 0x50);
        List<JsonObject> faults = result.getJsonObject("detail").getJsonArray("faults").getValuesAs(JsonObject.class);
        for (int i = 0; i < faults.size(); i++) {
            JsonObject f = faults.get(i);
            double start = number(f, "startSecond");
            double end = Math.max(number(f, "endSecond"), start + 0.5);  // an instant fault still shows
            IntervalMarker marker = new IntervalMarker(start, end, band);
            marker.setLabel((f.containsKey("n") ? f.getInt("n") + " " : "") + f.getString("fault"));
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            marker.setLabelOffset(new RectangleInsets(4 + 12 * (i % 6), 2, 0, 0));  // neighbours' labels stagger
            plot.addDomainMarker(marker, Layer.BACKGROUND);
        }
        return chart(title(result, "lag per second, faults shaded"), plot);
    }

    /** "steady · derby · 500/s · 2026-11-28: what". */
    private static String title(JsonObject result, String what) {
        JsonObject settings = result.getJsonObject("settings");
        JsonObject figures = result.getJsonObject("figures");
        String rate = switch (result.getString("scenario")) {
            case "ramp" -> (int) number(settings, "start") + " to " + (int) number(settings, "max") + "/s, step "
                    + (int) number(settings, "step");
            case "drain" -> (long) number(figures, "changesQueued") + " changes, drained at "
                    + (long) number(figures, "drainEventsPerSecond") + "/s";
            case "chaos" -> (int) number(settings, "changesPerSecond") + " changes/s, " + (int) number(figures,
                    "faults") + " faults, seed " + settings.getString("seed", "?");
            case "rest" -> (long) number(figures, "ledgerCommitted") + " changes at "
                    + (long) number(figures, "changesPerSecond") + "/s, " + (int) number(settings, "inFlight")
                    + " in flight";
            default -> (int) number(settings, "rate") + "/s";
        };
        return result.getString("scenario") + " · " + settings.getString("database", "?") + " · " + rate + " · "
                + result.getString("startedAt").substring(0, 10) + ": " + what;
    }

    private static JFreeChart chart(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static Path save(JFreeChart chart, Path dir, String base, String name) throws IOException {
        Path file = dir.resolve(base + "-" + name + ".png");
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    private static NumberAxis seconds(String label) {
        NumberAxis axis = new NumberAxis(label);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private static ValueAxis msAxis(String label, boolean log) {
        if (!log) {
            NumberAxis axis = new NumberAxis(label);
            axis.setAutoRangeIncludesZero(true);
            return axis;
        }
        LogAxis axis = new LogAxis(label + " (log scale)");
        axis.setBase(10);
        axis.setSmallestValue(LOG_FLOOR_MS);
        axis.setTickUnit(new NumberTickUnit(1));  // decades: 0.1, 1, 10, 100 ms
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        axis.setNumberFormatOverride(new DecimalFormat("0.##"));
        return axis;
    }

    /** A log axis has no zero: values below the floor are drawn at it. */
    private static XYSeriesCollection collection(boolean log, XYSeries... series) {
        XYSeriesCollection c = new XYSeriesCollection();
        for (XYSeries s : series) {
            if (log) {
                XYSeries floored = new XYSeries(s.getKey(), s.getAutoSort(), s.getAllowDuplicateXValues());
                for (int i = 0; i < s.getItemCount(); i++) {
                    floored.add(s.getX(i).doubleValue(), Math.max(LOG_FLOOR_MS, s.getY(i).doubleValue()));
                }
                c.addSeries(floored);
            } else {
                c.addSeries(s);
            }
        }
        return c;
    }

    private static XYLineAndShapeRenderer lines(boolean shapes) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, shapes);
        paintFrom(r, 0);
        for (int i = 0; i < PAINTS.length; i++) {
            r.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        return r;
    }

    /** A second dataset's colours carry on after the first's rather than repeat them. */
    private static void paintFrom(XYLineAndShapeRenderer r, int offset) {
        for (int i = 0; i + offset < PAINTS.length; i++) {
            r.setSeriesPaint(i, PAINTS[i + offset]);
        }
    }

    private static Stroke dashed() {
        return new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
    }

    private static boolean wide(double low, double high) {
        return high > 0 && (low <= 0 || high / low > LOG_SCALE_RATIO);
    }

    /** Percentile to x: log10(1 / (1 - p)), so 90% is 1, 99% is 2, 99.9% is 3. */
    private static double nines(double percentile) {
        return Math.log10(1 / (1 - Math.min(percentile, 99.99999) / 100));
    }

    private static JsonArray array(JsonObject o, String name) {
        return o.containsKey(name) ? o.getJsonArray(name) : JsonValue.EMPTY_JSON_ARRAY;
    }

    private static double number(JsonObject o, String name) {
        return o != null && o.get(name) instanceof JsonNumber n ? n.doubleValue() : 0;
    }

    /** Ticks at 0%, 50%, 90%, 99%, 99.9%, ... rather than at the log values the axis really runs on. */
    private static final class NinesAxis extends NumberAxis {

        private static final long serialVersionUID = 1L;

        NinesAxis() {
            super("percentile");
        }

        @Override
        public List<NumberTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea,
                                             RectangleEdge edge) {
            DecimalFormat percent = new DecimalFormat("0.######'%'");
            List<NumberTick> ticks = new ArrayList<>();
            ticks.add(tick(0, "0%"));
            ticks.add(tick(nines(50), "50%"));
            for (int n = 1; n <= getUpperBound() + 1e-9; n++) {
                ticks.add(tick(n, percent.format(100 * (1 - Math.pow(10, -n)))));
            }
            return ticks;
        }

        private static NumberTick tick(double x, String label) {
            return new NumberTick(x, label, TextAnchor.TOP_CENTER, TextAnchor.CENTER, 0);
        }
    }
}
