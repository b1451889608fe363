package io.playball.bench;

import java.nio.file.Path;

/**
 * Measures a running PlayBall server (started with the README's run command, with the bench administrator in
 * PLAYBALL_ADMIN_USERNAMES) and writes the figures under bench/results/. A tool that reports; it asserts nothing.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Report report = switch (options.scenario()) {
            case "steady" -> new SteadyScenario(options).run();
            default -> throw new IllegalArgumentException("unknown scenario " + options.scenario()
                    + " (this version has: steady)");
        };
        Path written = report.write(Path.of(System.getProperty("bench.results", "results")));
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("Written: " + written.toAbsolutePath() + " (.json and .md)");
    }
}
