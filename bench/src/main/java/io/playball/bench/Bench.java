package io.playball.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures a running PlayBall server (started with the README's run command) and writes the figures under
 * bench/results/. A tool that reports; it asserts nothing.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");  // charts are drawn to PNG files, never shown
        if (args.length == 0 || args[0].equals("help")) {
            System.out.println(Options.USAGE);
            return;
        }
        if (args[0].equals("otlp-sink")) {
            OtlpSink.run(args.length > 1 ? Integer.parseInt(args[1]) : 4318);
            return;
        }
        Options options = Options.parse(args);
        if (options.scenario().equals("charts")) {
            redraw(options);
            return;
        }
        Report report = switch (options.scenario()) {
            case "steady" -> new SteadyScenario(options).run();
            case "ramp" -> new RampScenario(options).run();
            case "drain" -> new DrainScenario(options).run();
            case "rest" -> new RestScenario(options).run();
            case "floor" -> new FloorScenario(options).run();
            case "login-flood" -> new LoginFloodScenario(options).run();
            case "logins" -> new LoginsScenario(options).run();
            case "peer-debezium" -> new PeerDebeziumScenario(options).run();
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario() + "\n"
                    + Options.USAGE);
        };
        Path written = report.write(Path.of(System.getProperty("bench.results", "results")));
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("Written: " + written.toAbsolutePath() + " (.json, .md and the charts)");
    }

    /** charts <result.json>: the charts and the summary again, from the result file alone. */
    private static void redraw(Options options) throws Exception {
        if (options.target() == null || !options.target().endsWith(".json")) {
            throw new IllegalArgumentException("charts needs a result file: charts bench/results/<run>.json");
        }
        Path json = Path.of(options.target()).toAbsolutePath();
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        String md = Report.publish(PlayBallClient.json(Files.readString(json)), json.getParent(), base);
        System.out.println(md);
        System.out.println("Written: " + json.getParent().resolve(base) + ".md and the charts");
    }
}
