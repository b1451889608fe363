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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * A second, single-node KRaft broker that only speaks SASL_PLAINTEXT with SCRAM-SHA-512 and authorizes with ACLs
 * (nothing is allowed that an ACL does not allow): its storage formatted with the credentials of an administrator,
 * auth's and groups' principals, started from the same jars as the build's broker, on ports 9094 (clients) and 9095
 * (its controller).
 */
public final class ScramBroker implements AutoCloseable {

    public static final String BOOTSTRAP = "127.0.0.1:9094";
    public static final String ADMIN = "admin";
    public static final String AUTH = "playball-auth";
    public static final String GROUPS = "playball-groups";
    private static final Map<String, String> PASSWORDS = Map.of(ADMIN, "admin-secret", AUTH, "auth-secret",
            GROUPS, "groups-secret");
    private static final Path DIR = Path.of(System.getProperty("playball.kafka.dir", "target/kafka"), "scram")
            .toAbsolutePath();

    private final Process process;

    private ScramBroker(Process process) {
        this.process = process;
    }

    public static String password(String principal) {
        return PASSWORDS.get(principal);
    }

    /** Formats, starts and prepares the broker: the two topics, and the ACLs each service needs and no more. */
    public static ScramBroker start() {
        try {
            deleteTree(DIR);
            Files.createDirectories(DIR);
            Path config = DIR.resolve("server.properties");
            Files.writeString(config, String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:9095",
                    "listeners=SASL_PLAINTEXT://" + BOOTSTRAP + ",CONTROLLER://127.0.0.1:9095",
                    "advertised.listeners=SASL_PLAINTEXT://" + BOOTSTRAP,
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                    "inter.broker.listener.name=SASL_PLAINTEXT",
                    "sasl.enabled.mechanisms=SCRAM-SHA-512",
                    "sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512",
                    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=" + jaas(ADMIN),
                    "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
                    // the controller listener is loopback-only and unauthenticated: the broker reaches its own
                    // controller as ANONYMOUS
                    "super.users=User:" + ADMIN + ";User:ANONYMOUS",
                    "allow.everyone.if.no.acl.found=false",
                    "log.dirs=" + DIR.resolve("data"),
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "offsets.topic.num.partitions=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0", ""));
            List<String> java = Broker.javaCommand();
            List<String> format = new ArrayList<>(java);
            format.addAll(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted", "--cluster-id",
                    "cGxheWJhbGwtc2NyYW0tMQ", "--config", config.toString()));
            PASSWORDS.forEach((name, password) -> format.addAll(List.of("--add-scram",
                    "SCRAM-SHA-512=[name=" + name + ",password=" + password + "]")));
            Processes.run(format);
            List<String> run = new ArrayList<>(java);
            run.addAll(List.of("kafka.Kafka", config.toString()));
            Process process = new ProcessBuilder(run).redirectErrorStream(true)
                    .redirectOutput(DIR.resolve("broker.out").toFile()).start();
            ScramBroker broker = new ScramBroker(process);
            Poll.until("the SCRAM broker to accept connections", Duration.ofSeconds(120), () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("the SCRAM broker exited; see " + DIR.resolve("broker.out"));
                }
                return accepting();
            });
            broker.prepare();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client properties that authenticate as {@code principal}; without a principal, none. */
    public static Properties client(String principal) {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
        if (principal != null) {
            props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
            props.put(SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512");
            props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(principal));
        }
        return props;
    }

    private void prepare() {
        try (Admin admin = Admin.create(client(ADMIN))) {
            Poll.until("the SCRAM broker to take the administrator's requests", Duration.ofSeconds(60), () -> {
                try {
                    Map<String, String> configs = Map.of("max.message.bytes", Broker.MAX_MESSAGE_BYTES);
                    admin.createTopics(List.of(new NewTopic(UserEventsTopic.TOPIC, 6, (short) 1).configs(configs),
                            new NewTopic("user-events.dlq", 1, (short) 1).configs(configs),
                            new NewTopic(GroupEventsTopic.TOPIC, 6, (short) 1).configs(configs)))
                            .all().get(10, TimeUnit.SECONDS);
                    return true;
                } catch (Exception e) {
                    return e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException;
                }
            });
            admin.createAcls(List.of(
                    allow(AUTH, ResourceType.TOPIC, UserEventsTopic.TOPIC, AclOperation.WRITE),
                    allow(AUTH, ResourceType.TOPIC, UserEventsTopic.TOPIC, AclOperation.DESCRIBE),
                    allow(GROUPS, ResourceType.TOPIC, UserEventsTopic.TOPIC, AclOperation.READ),
                    allow(GROUPS, ResourceType.TOPIC, UserEventsTopic.TOPIC, AclOperation.DESCRIBE),
                    allow(GROUPS, ResourceType.GROUP, ConsumerGroup.ID, AclOperation.READ),
                    allow(GROUPS, ResourceType.TOPIC, "user-events.dlq", AclOperation.WRITE),
                    allow(GROUPS, ResourceType.TOPIC, "user-events.dlq", AclOperation.READ),
                    allow(GROUPS, ResourceType.TOPIC, "user-events.dlq", AclOperation.DESCRIBE),
                    allow(GROUPS, ResourceType.TOPIC, GroupEventsTopic.TOPIC, AclOperation.WRITE),
                    allow(GROUPS, ResourceType.TOPIC, GroupEventsTopic.TOPIC, AclOperation.DESCRIBE)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not prepare the SCRAM broker", e);
        }
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
    }

    private static String jaas(String principal) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + principal
                + "\" password=\"" + PASSWORDS.get(principal) + "\";";
    }

    private static boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 9094), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
