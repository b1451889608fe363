package io.playball.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Kills the Liberty server the build started (kill -9, no shutdown of any kind) and starts it again. */
public final class LibertyServer {

    private static final Path SERVER_DIR = Path.of(System.getProperty("playball.server.dir",
            "target/liberty/wlp/usr/servers/playball")).toAbsolutePath();
    private static final Path WLP = SERVER_DIR.getParent().getParent().getParent();

    private LibertyServer() {
    }

    public static void kill() {
        ProcessHandle server = find().orElseThrow(() -> new IllegalStateException("no Liberty server running"));
        server.destroyForcibly();  // SIGKILL
        try {
            server.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the server did not die", e);
        }
    }

    public static void start() {
        try {
            Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", "playball")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(SERVER_DIR.toFile(), "restart.out")))
                    .start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("server start failed; see " + SERVER_DIR.resolve("restart.out"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Poll.until("the restarted server to be ready", Duration.ofSeconds(180),
                () -> {
                    try {
                        return Api.get("/health/ready", null).statusCode() == 200;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
    }

    public static boolean isRunning() {
        return find().isPresent();
    }

    /** The server's JVM, by its command line. */
    private static Optional<ProcessHandle> find() {
        return Processes.find(cmd -> cmd.stream().anyMatch(a -> a.endsWith("ws-server.jar")) && cmd.contains("playball")
                && cmd.stream().anyMatch(a -> a.startsWith(WLP.toString())));
    }
}
