package io.playball.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the real Kafka broker that the build started. The broker is found by its command line
 * ({@code kafka.Kafka <kafka dir>/broker.properties}) and restarted with exactly the same command; a broker this class
 * started is stopped when the test JVM exits, as the build would have stopped the original.
 */
public final class Broker {

    /** The topics' max.message.bytes, as deployments set it: a record of a mebibyte's payload, its key and headers. */
    public static final String MAX_MESSAGE_BYTES = "1114112";
    private static final String KAFKA_DIR = System.getProperty("playball.kafka.dir", "target/kafka");
    private static final String CONFIG = new File(KAFKA_DIR, "broker.properties").getAbsolutePath();
    private static final File OUTPUT = new File(KAFKA_DIR, "restarted-broker.out");
    /** The broker's port, from the bootstrap address the build gives the tests. */
    private static final int PORT = Integer.parseInt(System.getProperty("playball.kafka.bootstrap", "127.0.0.1:9092")
            .replaceAll(".*:", ""));
    private static List<String> command;
    private static Process restarted;

    private Broker() {
    }

    public static synchronized void stop() {
        ProcessHandle broker = find().orElseThrow(() -> new IllegalStateException("no broker running with " + CONFIG));
        command = Processes.commandLine(broker.pid());
        broker.destroy();  // SIGTERM: a clean shutdown, as an operator would do
        try {
            broker.onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            broker.destroyForcibly();
            throw new IllegalStateException("broker did not stop within 60 s", e);
        }
        Poll.until("port " + PORT + " to close", Duration.ofSeconds(30), () -> !accepting());
    }

    /** SIGKILL: the broker dies at once, as in a machine's crash, its connections reset; {@link #start} restarts it. */
    public static synchronized void kill() {
        ProcessHandle broker = find().orElseThrow(() -> new IllegalStateException("no broker running with " + CONFIG));
        command = Processes.commandLine(broker.pid());
        broker.destroyForcibly();
        broker.onExit().join();
        Poll.until("port " + PORT + " to close", Duration.ofSeconds(30), () -> !accepting());
    }

    /**
     * SIGSTOP: the broker freezes with its connections open, accepting nothing and answering nothing, as a process
     * stalled by the machine; clients learn of it only by their timeouts. {@link #thaw} lets it run on.
     */
    public static synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT to the frozen broker. */
    public static synchronized void thaw() {
        signal("CONT");
    }

    private static void signal(String name) {
        ProcessHandle broker = find().orElseThrow(() -> new IllegalStateException("no broker running with " + CONFIG));
        Processes.run(List.of("kill", "-" + name, Long.toString(broker.pid())));
    }

    public static synchronized void start() {
        if (command == null) {
            throw new IllegalStateException("start() without a prior stop()");
        }
        if (isRunning()) {
            return;
        }
        try {
            Files.writeString(OUTPUT.toPath(), "== broker restarted at " + Instant.now() + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            restarted = new ProcessBuilder(withLogToConsole(command))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(OUTPUT))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Broker::stopRestarted));
        Process started = restarted;
        try {
            // generous: on two busy cores a broker's JVM start and metadata replay can take tens of seconds
            Poll.until("the broker to accept connections", Duration.ofSeconds(120), () -> {
                if (!started.isAlive()) {
                    throw new AssertionError("the broker exited with code " + started.exitValue());
                }
                return accepting();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nthe restarted broker's output ends with:\n" + outputTail(), e);
        }
    }

    /** The build's broker logs to a file; the restarted one logs to {@link #OUTPUT}, appended, so both survive. */
    private static List<String> withLogToConsole(List<String> original) {
        return original.stream().filter(arg -> !arg.startsWith("-Dorg.slf4j.simpleLogger.logFile=")).toList();
    }

    private static String outputTail() {
        try {
            List<String> lines = Files.readAllLines(OUTPUT.toPath());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    public static boolean isRunning() {
        return find().isPresent();
    }

    /** For a test's clean-up: whatever happened, the tests after it need a broker. */
    public static void ensureRunning() {
        if (!isRunning()) {
            start();
        }
    }

    private static void stopRestarted() {
        Process p = restarted;
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * java, its options and the class path of the build's broker, from its command line: what the tests' other
     * brokers (SCRAM, the cluster) start with, on a heap of their own.
     */
    static List<String> javaCommand() {
        ProcessHandle broker = find().orElseThrow(() -> new IllegalStateException("the build's broker is not running"));
        List<String> cmd = Processes.commandLine(broker.pid());
        int cp = cmd.indexOf("-classpath");
        // the JIT's first tier only, as the tests' servers: these brokers start often and carry little
        return List.of(cmd.get(0), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-classpath", cmd.get(cp + 1));
    }

    private static Optional<ProcessHandle> find() {
        return Processes.find(cmd -> cmd.contains("kafka.Kafka") && cmd.contains(CONFIG));
    }

    private static boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", PORT), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
