package io.playball.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code charts <result.json>} from result files of real runs (copied into the test resources): the Markdown summary
 * carries the figures, and each scenario's charts are drawn as PNG files that the summary names.
 */
class PublishTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @ParameterizedTest
    @CsvSource({
        "chaos, lag-and-faults, | lost | 0 |",
        "drain, drain, | drainEventsPerSecond | 12232 |",
        "ramp, ramp, | highestRateHeld | 1000 |",
        "rest, lag-over-time;lag-distribution, | changesPerSecond | 906 |",
    })
    void theSummaryCarriesTheFiguresAndNamesTheChartsItDrew(String scenario, String charts, String figureRow)
            throws IOException {
        String md = Report.publish(result(scenario), dir, scenario);

        assertTrue(md.contains(figureRow), "the figure row " + figureRow + " in:\n" + md);
        assertTrue(Files.readString(dir.resolve(scenario + ".md")).equals(md), "the summary is written as returned");
        for (String chart : charts.split(";")) {
            String png = scenario + "-" + chart + ".png";
            Path file = dir.resolve(png);
            assertTrue(Files.isRegularFile(file), png + " drawn; have " + Arrays.toString(dir.toFile().list()));
            assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(file), PNG.length), png + " is a PNG");
            assertTrue(md.contains("(" + png + ")"), "the summary shows " + png);
        }
    }

    private static JsonObject result(String scenario) throws IOException {
        try (InputStream in = PublishTest.class.getResourceAsStream("/results/" + scenario + ".json")) {
            return PlayBallClient.json(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
