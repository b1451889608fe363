package io.playball.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A three-node KRaft cluster (each node broker and controller) from the same jars as the build's broker, as a
 * production deployment runs Kafka: topics replicated three times, {@code min.insync.replicas=2}, so that a write
 * acknowledged with {@code acks=all} survives the loss of any one node. Clients on 9096, 9098 and 9100 (or from
 * {@code playball.cluster.port} on); the controllers on the port above each.
 */
public final class BrokerCluster implements AutoCloseable {

    public static final int NODES = 3;
    private static final int FIRST_PORT = Integer.getInteger("playball.cluster.port", 9096);
    private static final Path DIR = Path.of(System.getProperty("playball.kafka.dir", "target/kafka"), "cluster")
            .toAbsolutePath();

    private final List<String> java;
    private final Map<Integer, Process> nodes = new HashMap<>();

    private BrokerCluster(List<String> java) {
        this.java = java;
    }

    public static String bootstrap() {
        return IntStream.rangeClosed(1, NODES).mapToObj(n -> "127.0.0.1:" + clientPort(n))
                .collect(Collectors.joining(","));
    }

    private static int clientPort(int node) {
        return FIRST_PORT + 2 * (node - 1);
    }

    private static int controllerPort(int node) {
        return clientPort(node) + 1;
    }

    /** Formats and starts the three nodes, then creates user-events (6 partitions), its dead-letter topic and group-events. */
    public static BrokerCluster start() {
        BrokerCluster cluster = new BrokerCluster(Broker.javaCommand());
        try {
            deleteTree(DIR);
            for (int node = 1; node <= NODES; node++) {
                Path config = cluster.writeConfig(node);
                List<String> format = new ArrayList<>(cluster.java);
                format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "--cluster-id",
                        "cGxheWJhbGwtY2x1c3Rlcg", "--config", config.toString()));
                Processes.run(format);
            }
            for (int node = 1; node <= NODES; node++) {
                cluster.startNode(node);
            }
            for (int node = 1; node <= NODES; node++) {
                cluster.awaitAccepting(node);
            }
            cluster.createTopics();
            return cluster;
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    public Properties client() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return props;
    }

    /** The node that leads this partition of user-events now. */
    public int leaderOf(int partition) {
        try (Admin admin = Admin.create(client())) {
            TopicDescription topic = admin.describeTopics(List.of(UserEventsTopic.TOPIC)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(UserEventsTopic.TOPIC);
            TopicPartitionInfo info = topic.partitions().get(partition);
            return info.leader().id();
        } catch (Exception e) {
            throw new IllegalStateException("could not describe " + UserEventsTopic.TOPIC, e);
        }
    }

    /** SIGKILL: the node dies at once, as in a machine's crash; what it had not flushed is lost with it. */
    public void kill(int node) {
        Process process = nodes.remove(node);
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("node " + node + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * SIGSTOP: the node freezes with its connections open, a zombie its peers and clients must find out about by
     * timeouts; {@link #thaw} lets it run on.
     */
    public void freeze(int node) {
        signal(node, "STOP");
    }

    /** SIGCONT to a frozen node. */
    public void thaw(int node) {
        signal(node, "CONT");
    }

    private void signal(int node, String name) {
        Process process = nodes.get(node);
        if (process == null) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        Processes.run(List.of("kill", "-" + name, Long.toString(process.pid())));
    }

    /** Starts a killed node again on its own data, and waits until it answers. */
    public void restart(int node) {
        restart(List.of(node));
    }

    /** Starts killed nodes again, all at once (as after a power cut), and waits until each answers. */
    public void restart(List<Integer> killed) {
        try {
            for (int node : killed) {
                startNode(node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        killed.forEach(this::awaitAccepting);
    }

    /** Until every replica of every partition of every topic, the consumer offsets' included, is back in sync. */
    public void awaitFullyReplicated(Duration deadline) {
        try (Admin admin = Admin.create(client())) {
            Poll.until("every replica of every topic in sync", deadline, () -> {
                try {
                    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
                            .get(10, TimeUnit.SECONDS);
                    return admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().stream()
                            .flatMap(topic -> topic.partitions().stream())
                            .allMatch(p -> p.isr().size() == p.replicas().size());
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    private Path writeConfig(int node) throws IOException {
        Path dir = DIR.resolve("node-" + node);
        Files.createDirectories(dir);
        String voters = IntStream.rangeClosed(1, NODES).mapToObj(n -> n + "@127.0.0.1:" + controllerPort(n))
                .collect(Collectors.joining(","));
        Path config = dir.resolve("server.properties");
        Files.writeString(config, String.join("\n",
                "process.roles=broker,controller",
                "node.id=" + node,
                "controller.quorum.voters=" + voters,
                "listeners=PLAINTEXT://127.0.0.1:" + clientPort(node) + ",CONTROLLER://127.0.0.1:"
                        + controllerPort(node),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort(node),
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "auto.create.topics.enable=false",
                "default.replication.factor=3",
                "min.insync.replicas=2",
                "unclean.leader.election.enable=false",
                "offsets.topic.replication.factor=3",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=3",
                "transaction.state.log.min.isr=2",
                "share.coordinator.state.topic.replication.factor=3",
                "share.coordinator.state.topic.min.isr=2",
                "group.initial.rebalance.delay.ms=0",
                // a killed node's partitions get new leaders within seconds, not after the default 9 s of silence
                "broker.heartbeat.interval.ms=500",
                "broker.session.timeout.ms=3000", ""));
        return config;
    }

    private void startNode(int node) throws IOException {
        Path dir = DIR.resolve("node-" + node);
        List<String> run = new ArrayList<>(java);
        run.addAll(List.of("kafka.Kafka", dir.resolve("server.properties").toString()));
        Process process = new ProcessBuilder(run).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("node.out").toFile())).start();
        nodes.put(node, process);
    }

    private void awaitAccepting(int node) {
        Process process = nodes.get(node);
        Poll.until("cluster node " + node + " to accept connections", Duration.ofSeconds(120), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("cluster node " + node + " exited; see "
                        + DIR.resolve("node-" + node).resolve("node.out"));
            }
            return accepting(clientPort(node));
        });
    }

    private void createTopics() {
        try (Admin admin = Admin.create(client())) {
            Poll.until("the cluster to create its topics", Duration.ofSeconds(90), () -> {
                try {
                    admin.createTopics(List.of(
                            new NewTopic(UserEventsTopic.TOPIC, 6, (short) NODES)
                                    .configs(Map.of("min.insync.replicas", "2", "max.message.bytes", Broker.MAX_MESSAGE_BYTES)),
                            new NewTopic("user-events.dlq", 1, (short) NODES)
                                    .configs(Map.of("min.insync.replicas", "2", "max.message.bytes", Broker.MAX_MESSAGE_BYTES)),
                            new NewTopic(GroupEventsTopic.TOPIC, 6, (short) NODES)
                                    .configs(Map.of("min.insync.replicas", "2", "max.message.bytes", Broker.MAX_MESSAGE_BYTES))))
                            .all().get(20, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    return e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException;
                }
            });
        }
        awaitFullyReplicated(Duration.ofSeconds(60));
    }

    private static boolean accepting(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        for (Process process : nodes.values()) {
            process.destroyForcibly();
        }
        for (Process process : nodes.values()) {
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        nodes.clear();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
