package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Api;
import io.playball.it.support.Metrics;
import io.playball.it.support.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The dashboard and the alerting rules in ops/monitoring name only metrics the running server exposes: a renamed
 * metric cannot leave a panel empty or an alert silent without this failing.
 */
@MicroShedTest
class MonitoringAssetsIT {

    private static final Path OPS = Path.of(System.getProperty("playball.ops.dir", "../ops"), "monitoring");
    private static final Pattern METRIC = Pattern.compile("\\bplayball_[a-z_]+\\b");

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void everyMetricTheDashboardAndTheRulesNameIsOnMetrics() throws IOException {
        Set<String> named = new TreeSet<>();
        named.addAll(metricsIn(OPS.resolve("playball-dashboard.json")));
        named.addAll(metricsIn(OPS.resolve("playball-alerts.yml")));
        assertTrue(named.size() >= 8, "the assets name the product's metrics: " + named);

        Set<String> exposed = Metrics.scrape().names();
        Set<String> missing = new TreeSet<>(named);
        missing.removeAll(exposed);
        assertTrue(missing.isEmpty(), "named in ops/monitoring but not on /metrics: " + missing + "; exposed: "
                + exposed);
    }

    @Test
    void readinessIsAMetricOfEachService() {
        Poll.until("both services ready on /metrics", Duration.ofSeconds(60), Metrics::scrape,
                m -> m.value("playball_ready", "service", "auth") == 1 && m.value("playball_ready", "service", "groups") == 1);
        // 0 when the consumer is idle; a transaction in flight shows its age, far under the tests' stall limit (5 s)
        double stalled = Metrics.scrape().value("playball_consumer_stalled_seconds");
        assertTrue(stalled < 5, "stalled seconds of a ready consumer: " + stalled);
    }

    private static Set<String> metricsIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(file));
        while (m.find()) {
            names.add(m.group());
        }
        assertFalse(names.isEmpty(), "no metric named in " + file);
        return names;
    }
}
