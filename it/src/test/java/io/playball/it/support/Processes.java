package io.playball.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the processes the build started (the broker, Liberty) by their command lines, read from /proc: the JDK's
 * ProcessHandle.Info cuts a command line at 4 KiB, before a long class path ends.
 */
final class Processes {

    private Processes() {
    }

    static Optional<ProcessHandle> find(Predicate<List<String>> commandLineMatches) {
        return ProcessHandle.allProcesses().filter(p -> commandLineMatches.test(commandLine(p.pid()))).findFirst();
    }

    static List<String> commandLine(long pid) {
        try {
            String raw = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
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
