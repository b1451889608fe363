package io.playball.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * steady --servers 2: a second Liberty server, {@code playball2}, made from the running {@code -Prun} server's
 * directory (same EAR, database, broker, signing keys and consumer group), on HTTP 9081 and HTTPS 9444, as
 * docs/deploying.md describes for several servers. Started before the run and stopped after it.
 */
final class SecondServer implements AutoCloseable {

    static final String NAME = "playball2";
    static final int HTTP_PORT = 9081;
    static final int HTTPS_PORT = 9444;
    /** Per-server state: each server keeps its own logs, caches and transaction log. */
    private static final Set<String> NOT_COPIED = Set.of("logs", "workarea", "tranlog", "data", "messaging");

    private final Path wlp;
    private final Path first;
    private final Path dir;

    SecondServer(Path wlp, String firstServer) {
        this.wlp = wlp;
        this.first = wlp.resolve("usr/servers").resolve(firstServer);
        this.dir = first.resolveSibling(NAME);
        if (!Files.isDirectory(first)) {
            throw new IllegalArgumentException(first + " does not exist: start the server with ./mvnw -Prun package,"
                    + " or give its Liberty directory with --wlp");
        }
    }

    String baseUrl() {
        return "http://localhost:" + HTTP_PORT;
    }

    void start() throws Exception {
        deleteTree(dir);
        copyFirst();
        System.out.printf("starting %s on port %d (log %s)%n", NAME, HTTP_PORT, dir.resolve("logs/messages.log"));
        server("start");
    }

    @Override
    public void close() throws Exception {
        server("stop");
    }

    private void server(String action) throws Exception {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, NAME).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.getParent().toFile(), NAME + ".out")))
                .start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("server " + action + " " + NAME + " failed: see "
                    + dir.resolveSibling(NAME + ".out"));
        }
    }

    private void copyFirst() throws IOException {
        Files.walkFileTree(first, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                if (d.getParent().equals(first) && NOT_COPIED.contains(d.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(dir.resolve(first.relativize(d)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, dir.resolve(first.relativize(file)), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
        // the build's variable overrides pin the ports: give this server its own
        Path overrides = dir.resolve("configDropins/overrides/liberty-plugin-variable-config.xml");
        if (Files.exists(overrides)) {
            Files.writeString(overrides, Files.readString(overrides)
                    .replaceAll("name=\"http.port\" value=\"\\d+\"", "name=\"http.port\" value=\"" + HTTP_PORT + "\"")
                    .replaceAll("name=\"https.port\" value=\"\\d+\"", "name=\"https.port\" value=\"" + HTTPS_PORT
                            + "\""));
        }
        Path env = dir.resolve("server.env");
        String inherited = Files.exists(env) ? Files.readString(env) : "";
        Files.writeString(env, inherited + "\nHTTP_PORT=" + HTTP_PORT + "\nHTTPS_PORT=" + HTTPS_PORT + "\n");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
