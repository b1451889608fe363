package io.playball.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * async-profiler attached to the running server for the measured phase only, through the JDK's {@code jcmd
 * JVMTI.agent_load}: no restart, no server option. Its jar carries the native library, which is copied out to a
 * temporary file once. The samples come back as collapsed stacks, one line per distinct stack.
 */
final class ServerProfiler {

    private static final String LIBRARY = "/linux-x64/libasyncProfiler.so";

    private final long pid;
    private final Path library;
    private final String event;

    private ServerProfiler(long pid, Path library, String event) {
        this.pid = pid;
        this.library = library;
        this.event = event;
    }

    /** Starts sampling the server named {@code serverName} (the -Prun server is "playball"). */
    static ServerProfiler start(String serverName, String event) throws IOException, InterruptedException {
        long pid = ProcessCpu.libertyServerPid(serverName);
        Path library = Files.createTempFile("playball-async-profiler", ".so");
        try (InputStream in = ServerProfiler.class.getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException("async-profiler's " + LIBRARY + " is not on the class path: it is"
                        + " built for Linux on x86-64 only");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
        library.toFile().deleteOnExit();
        ServerProfiler profiler = new ServerProfiler(pid, library, event);
        // 1 ms rather than the default 10: a minute's run then holds enough samples for a 0.1% frame
        profiler.command("start,event=" + event + ",interval=" + (event.equals("alloc") ? "512k" : "1ms"));
        System.out.printf("profiling server %d (%s) with async-profiler%n", pid, event);
        return profiler;
    }

    /** Stops sampling and returns the collapsed stacks. */
    Profile stop() throws IOException, InterruptedException {
        Path out = Files.createTempFile("playball-profile", ".collapsed");
        try {
            command("stop,collapsed,file=" + out);
            return Profile.parse(event, Files.readAllLines(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** jcmd reads {@code key=value} as its own option: the agent's options go in quotes to reach the agent whole. */
    private void command(String options) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "JVMTI.agent_load",
                library.toString(), "\"" + options + "\"")).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0 || !output.contains("return code: 0")) {
            throw new IllegalStateException("async-profiler did not take \"" + options + "\" (the server's console"
                    + " says why): " + output.strip());
        }
    }
}
