package io.playball.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the processes the build started (the broker, Liberty) by their command lines, read from /proc: the JDK's
 * ProcessHandle.Info cuts a command line at 4 KiB, before a long class path ends.
 */
final class Processes {

    private static final Path PROC = Path.of("/proc");

    private Processes() {
    }

    static Optional<ProcessHandle> find(Predicate<List<String>> commandLineMatches) {
        Assumptions.assumeTrue(Files.isDirectory(PROC), "needs Linux: the tests that stop, freeze or restart the"
                + " broker or a server find them by their command lines in /proc");
        return ProcessHandle.allProcesses().filter(p -> commandLineMatches.test(commandLine(p.pid()))).findFirst();
    }

    static List<String> commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline")),
                    StandardCharsets.UTF_8);
            return raw.isEmpty() ? List.of() : List.of(raw.split("\u0000"));
        } catch (IOException e) {
            return List.of();  // gone, or not ours to read
        }
    }

    /** Runs a command to its end; its output goes to the test's own; fails unless it exits with 0. */
    static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
