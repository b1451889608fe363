package io.playball.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the real Kafka broker that the build started. The broker is found by its command line
 * ({@code kafka.Kafka <kafka dir>/server.properties}) and restarted with exactly the same command; a broker this class
 * started is stopped when the test JVM exits, as the build would have stopped the original.
 */
public final class Broker {

    private static final String KAFKA_DIR = System.getProperty("playball.kafka.dir", "target/kafka");
    private static final String CONFIG = new File(KAFKA_DIR, "server.properties").getAbsolutePath();
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
        Poll.until("port 9092 to close", Duration.ofSeconds(30), () -> !accepting());
    }

    public static synchronized void start() {
        if (command == null) {
            throw new IllegalStateException("start() without a prior stop()");
        }
        if (isRunning()) {
            return;
        }
        try {
            restarted = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(KAFKA_DIR, "restarted-broker.out")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(Broker::stopRestarted));
        Poll.until("the broker to accept connections", Duration.ofSeconds(60), Broker::accepting);
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

    private static Optional<ProcessHandle> find() {
        return Processes.find(cmd -> cmd.contains("kafka.Kafka") && cmd.contains(CONFIG));
    }

    private static boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 9092), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
