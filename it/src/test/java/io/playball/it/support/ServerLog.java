package io.playball.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The build's server's messages.log, read from a mark: what the server logged since then. */
public final class ServerLog {

    private static final Path LOG = Path.of(System.getProperty("playball.server.dir",
            "target/liberty/wlp/usr/servers/playball"), "logs", "messages.log");

    private final long mark;

    private ServerLog(long mark) {
        this.mark = mark;
    }

    /** All of the current log: this run of the server. */
    public static ServerLog whole() {
        return new ServerLog(0);
    }

    /** From now on. */
    public static ServerLog fromNow() {
        try {
            return new ServerLog(Files.size(LOG));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path() {
        return LOG;
    }

    /** The lines written since the mark (all of them if the log was rolled over meanwhile). */
    public Stream<String> lines() {
        try {
            byte[] all = Files.readAllBytes(LOG);
            int from = all.length >= mark ? (int) mark : 0;
            return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
