package io.playball.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second Liberty server with the same EAR, the same database and the same broker, on other ports: made from the
 * first server's directory (configuration, loose application, key store and its password, so tokens verify on
 * both), started and stopped by the test.
 */
public final class SecondServer {

    public static final String NAME = "playball2";
    public static final int HTTP_PORT = Integer.getInteger("playball.second.http.port", 9081);
    public static final int HTTPS_PORT = Integer.getInteger("playball.second.https.port", 9444);
    private static final Path FIRST = Path.of(System.getProperty("playball.server.dir",
            "target/liberty/wlp/usr/servers/playball")).toAbsolutePath();
    private static final Path DIR = FIRST.resolveSibling(NAME);
    private static final Path WLP = FIRST.getParent().getParent().getParent();
    private static final Set<String> NOT_COPIED = Set.of("logs", "workarea", "tranlog", "data", "messaging");

    private SecondServer() {
    }

    public static String baseUrl() {
        return "http://localhost:" + HTTP_PORT;
    }

    public static void start() {
        start(Map.of());
    }

    /** The same with these extra environment variables. */
    public static void start(Map<String, String> environment) {
        launch(environment);
        Poll.until("the second server to be ready", Duration.ofSeconds(180), () -> {
            try {
                return Api.sendTo(baseUrl(), "GET", "/health/ready", null, null, null, Map.of()).statusCode() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Makes and starts the server with these extra environment variables, without waiting for it to be ready. */
    public static void launch(Map<String, String> environment) {
        launch(environment, Set.of());
    }

    /**
     * The same, without some of the settings the build gave the test server (server variables or bootstrap
     * properties, by name): where a setting is dropped, the server runs on server.xml's default, as one started
     * without the developer command or the tests would.
     */
    public static void launch(Map<String, String> environment, Set<String> droppedSettings) {
        deleteTree(DIR.resolve("logs"));  // so that messagesLog() tells only of this start
        copyFirstServer();
        drop(droppedSettings);
        if (!environment.isEmpty()) {
            StringBuilder env = new StringBuilder("\n");
            environment.forEach((name, value) -> env.append(name).append('=').append(value).append('\n'));
            try {
                Files.writeString(DIR.resolve("server.env"), env, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        run("start", false);  // a server that refuses to run exits during start: its exit status is the test's
    }

    private static void drop(Set<String> settings) {
        try {
            Path overrides = DIR.resolve("configDropins/overrides/liberty-plugin-variable-config.xml");
            Path bootstrap = DIR.resolve("bootstrap.properties");
            for (String name : settings) {
                if (Files.exists(overrides)) {
                    Files.writeString(overrides, Files.readString(overrides).replaceAll(
                            "(?m)^\\s*<variable name=\"" + java.util.regex.Pattern.quote(name) + "\"[^>]*/>\\s*$", ""));
                }
                if (Files.exists(bootstrap)) {
                    Files.writeString(bootstrap, Files.readString(bootstrap).replaceAll(
                            "(?m)^" + java.util.regex.Pattern.quote(name) + "=.*$", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean isRunning() {
        return find().isPresent();
    }

    public static Path messagesLog() {
        return DIR.resolve("logs/messages.log");
    }

    public static void kill() {
        find().ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().join();
        });
    }

    /** SIGSTOP: the server freezes, holding whatever it held (connections, claims, consumer membership). */
    public static void freeze() {
        signal("STOP");
    }

    /** The process id of the running second server. */
    public static long pid() {
        return find().orElseThrow(() -> new IllegalStateException("the second server is not running")).pid();
    }

    private static void signal(String name) {
        try {
            Process p = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void stopIfRunning() {
        if (find().isPresent()) {
            run("stop");
        }
    }

    private static Optional<ProcessHandle> find() {
        // this runtime's (a build beside this one runs a server of the same name)
        return Processes.find(cmd -> cmd.stream().anyMatch(a -> a.endsWith("ws-server.jar")) && cmd.contains(NAME)
                && cmd.stream().anyMatch(a -> a.startsWith(WLP.toString())));
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyFirstServer() {
        try {
            Files.walkFileTree(FIRST, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(FIRST) && NOT_COPIED.contains(dir.getFileName().toString())
                            && dir.getParent().equals(FIRST)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    Files.createDirectories(DIR.resolve(FIRST.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, DIR.resolve(FIRST.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
            // the plugin's variable overrides pin the ports: give the second server its own
            Path overrides = DIR.resolve("configDropins/overrides/liberty-plugin-variable-config.xml");
            if (Files.exists(overrides)) {
                String xml = Files.readString(overrides, StandardCharsets.UTF_8);
                Files.writeString(overrides, xml
                        .replaceAll("name=\"http.port\" value=\"\\d+\"", "name=\"http.port\" value=\"" + HTTP_PORT + "\"")
                        .replaceAll("name=\"https.port\" value=\"\\d+\"", "name=\"https.port\" value=\"" + HTTPS_PORT + "\""),
                        StandardCharsets.UTF_8);
            }
            Files.writeString(DIR.resolve("server.env"), Files.readString(FIRST.resolve("server.env"))
                    + "\nHTTP_PORT=" + HTTP_PORT + "\nHTTPS_PORT=" + HTTPS_PORT + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(String action) {
        run(action, true);
    }

    private static void run(String action, boolean mustSucceed) {
        try {
            Process p = new ProcessBuilder(WLP.resolve("bin/server").toString(), action, NAME)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(FIRST.getParent().toFile(), NAME + ".out")))
                    .start();
            if (!p.waitFor(180, TimeUnit.SECONDS) || (mustSucceed && p.exitValue() != 0)) {
                throw new IllegalStateException("server " + action + " " + NAME + " failed; see " + NAME + ".out");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
