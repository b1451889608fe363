import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The build's Kafka: formats the storage of each node named on the command line, starts each as a process of its own
 * (one node, or the three of the cluster), and stops them when it is stopped itself, as the build does when it ends.
 * Run by the build as a source file, with Kafka's jars on the class path: {@code java -cp <jars> KafkaNodes.java
 * <node-1.properties>[,<node-2.properties>...]}. Each node logs beside its configuration (node-1.log).
 */
public final class KafkaNodes {

    /** The cluster id every node of the build's Kafka is formatted with. */
    private static final String CLUSTER_ID = "cGxheWJhbGwtbG9jYWwtMQ";

    public static void main(String[] args) throws Exception {
        List<String> configs = Arrays.stream(args).flatMap(a -> Arrays.stream(a.split(","))).map(String::trim)
                .filter(a -> !a.isEmpty()).toList();
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("usage: KafkaNodes <node.properties>[,<node.properties>...]");
        }
        for (String config : configs) {
            Process format = new ProcessBuilder(java("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "kafka.tools.StorageTool", "format", "--ignore-formatted", "--cluster-id", CLUSTER_ID,
                    "--config", config)).inheritIO().start();
            if (format.waitFor() != 0) {
                throw new IllegalStateException("formatting the storage of " + config + " failed");
            }
        }
        List<Process> nodes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(nodes)));
        for (String config : configs) {
            nodes.add(start(config));
        }
        for (Process node : nodes) {
            node.waitFor();  // a node a test stopped on purpose is started again by that test, not here
        }
    }

    private static Process start(String config) throws IOException {
        String log = config.replaceAll("\\.properties$", "") + ".log";
        return new ProcessBuilder(java("-Xmx256m", "-Dorg.slf4j.simpleLogger.logFile=" + log,
                "-Dorg.slf4j.simpleLogger.showDateTime=true", "kafka.Kafka", config)).inheritIO().start();
    }

    /** This JVM's java, with its class path (Kafka's jars), and these arguments. */
    private static List<String> java(String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                        "java").toString()), "-classpath", System.getProperty("java.class.path")));
        command.addAll(List.of(arguments));
        return command;
    }

    /** SIGTERM to every node, a clean shutdown; waits for each. */
    private static void stop(List<Process> nodes) {
        nodes.forEach(Process::destroy);
        for (Process node : nodes) {
            try {
                node.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
