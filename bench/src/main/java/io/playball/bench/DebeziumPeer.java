package io.playball.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Debezium as the peer publisher of auth's outbox table: checks that PostgreSQL decodes logically, starts and stops
 * {@link DebeziumRelay} in a JVM of its own, and on close drops its replication slot and publication (a slot left
 * behind keeps every WAL segment from then on). Its log goes to {@code <work>/debezium.log}.
 */
final class DebeziumPeer implements AutoCloseable {

    static final String SLOT = "playball_bench";

    private final Options options;
    private final Path work;
    private final Path engineProperties;
    private Process process;

    DebeziumPeer(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("playball-debezium");
        this.engineProperties = work.resolve("engine.properties");
        try (Writer w = Files.newBufferedWriter(engineProperties)) {
            engineProperties().store(w, "peer-debezium: Debezium's embedded engine on auth's outbox table");
        }
    }

    /** Fails, saying how to set it, unless PostgreSQL's wal_level is logical; drops a slot left by a stopped run. */
    void checkDatabase() throws SQLException {
        try (Connection db = connect(); Statement s = db.createStatement()) {
            try (ResultSet r = s.executeQuery("SHOW wal_level")) {
                r.next();
                if (!r.getString(1).equals("logical")) {
                    throw new IllegalStateException("peer-debezium needs PostgreSQL's wal_level = logical, and it is "
                            + r.getString(1) + ". As a superuser: ALTER SYSTEM SET wal_level = logical; then restart"
                            + " the cluster (on Debian: pg_ctlcluster <version> main restart). The setting costs"
                            + " a little more WAL per change; ALTER SYSTEM RESET wal_level and a restart undo it.");
                }
            }
            dropSlot(s);
        }
    }

    /** The engine properties: the PostgreSQL connector from now on (no snapshot), and the outbox event router. */
    Properties engineProperties() {
        Properties p = new Properties();
        p.put("name", "playball-bench-outbox");
        p.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.put("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.put("offset.storage.file.filename", work.resolve("offsets.dat").toString());
        p.put("offset.flush.interval.ms", "1000");
        p.put("database.hostname", options.pgHost());
        p.put("database.port", Integer.toString(options.pgPort()));
        p.put("database.user", options.pgUser());
        p.put("database.password", options.pgPassword());
        p.put("database.dbname", options.pgDatabase());
        p.put("topic.prefix", "playball-bench");
        p.put("plugin.name", "pgoutput");
        p.put("slot.name", SLOT);
        p.put("publication.name", SLOT);
        p.put("publication.autocreate.mode", "filtered");
        p.put("table.include.list", options.outboxTable());
        p.put("snapshot.mode", "no_data");
        p.put("skipped.operations", "u,d,t");  // the relay's own deletes of sent rows, and claims (none while held)
        p.put("tombstones.on.delete", "false");
        // Debezium's default (500 ms) waits that long for a batch to fill: set for latency, as auth's relay is
        p.put("poll.interval.ms", Integer.toString(options.debeziumPollMs()));
        p.put("transforms", "outbox");
        p.put("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.put("transforms.outbox.table.field.event.id", "event_id");
        p.put("transforms.outbox.table.field.event.key", "aggregate_id");
        p.put("transforms.outbox.table.field.event.payload", "payload");
        p.put("transforms.outbox.route.by.field", "event_type");
        p.put("transforms.outbox.route.topic.replacement", options.topic());
        p.put("transforms.outbox.table.fields.additional.placement",
                "event_id:header:eventId,event_type:header:type");
        return p;
    }

    /** Starts the relay JVM and waits until its connector streams. */
    void start() throws Exception {
        if (process != null) {
            throw new IllegalStateException("already started");
        }
        Path log = work.resolve("debezium.log");
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx512m", "-cp", classPath(),
                DebeziumRelay.class.getName(), engineProperties.toString(), options.kafkaBootstrap(),
                options.jdbcUrl(), options.pgUser(), options.outboxTable()));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> streaming = new CompletableFuture<>();
        Process p = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(Files.newBufferedWriter(log,
                         java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.println(line);
                    if (line.contains(DebeziumRelay.STREAMING)) {
                        streaming.complete(null);
                    }
                }
            } catch (IOException e) {
                streaming.completeExceptionally(e);
            }
            streaming.completeExceptionally(new IllegalStateException("the Debezium relay exited: see " + log));
        }, "bench-debezium-log");
        pump.setDaemon(true);
        pump.start();
        try {
            streaming.get(120, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            stop();
            throw new IllegalStateException("the Debezium relay did not stream within two minutes: see " + log);
        }
        System.out.printf("Debezium relay streaming (pid %d, log %s)%n", process.pid(), log);
    }

    long pid() {
        return process.pid();
    }

    /** SIGSTOP: the relay holds still, warm, while a backlog gathers in its slot. */
    void freeze() throws Exception {
        signal("STOP");
    }

    /** SIGCONT: the relay works the backlog off. */
    void thaw() throws Exception {
        signal("CONT");
    }

    private void signal(String name) throws Exception {
        int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " exited " + exit);
        }
    }

    /** Stops the relay JVM (SIGTERM: the engine flushes its offsets); the slot stays, for a start to resume from. */
    void stop() throws Exception {
        if (process == null) {
            return;
        }
        signal("CONT");  // a frozen JVM does not act on SIGTERM
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    /** Stops the relay, drops the slot and the publication. */
    @Override
    public void close() throws Exception {
        stop();
        try (Connection db = connect(); Statement s = db.createStatement()) {
            dropSlot(s);
            s.execute("DROP PUBLICATION IF EXISTS " + SLOT);
        }
    }

    /** Deletes the outbox rows left (the relay's hold keeps auth's own relay off them), e.g. after a failed run. */
    long deleteOutboxRows() throws SQLException {
        try (Connection db = connect(); Statement s = db.createStatement()) {
            return s.executeUpdate("DELETE FROM " + options.outboxTable());
        }
    }

    private static void dropSlot(Statement s) throws SQLException {
        s.execute("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = '"
                + SLOT + "' AND NOT active");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(options.jdbcUrl(), options.pgUser(), options.pgPassword());
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The bench's own class path: exec:java runs it in a class loader of the project's class path. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        if (DebeziumPeer.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return entries.isEmpty() ? System.getProperty("java.class.path")
                : String.join(java.io.File.pathSeparator, entries);
    }
}
