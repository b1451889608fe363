package io.playball.auth.messaging;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import io.playball.platform.kafka.KafkaClientSecurity;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers "can we reach the brokers right now?" with one long-lived admin client (not one per question), and at most
 * one round trip every two seconds however often it is asked.
 */
@ApplicationScoped
public class KafkaReachability {

    private static final Logger LOG = Logger.getLogger(KafkaReachability.class.getName());

    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(2);

    @Inject
    @ConfigProperty(name = "mp.messaging.connector.liberty-kafka.bootstrap.servers", defaultValue = "127.0.0.1:9092")
    String bootstrapServers;

    private Admin admin;
    private long checkedAt;
    private String lastProblem = "not checked yet";
    /** The problem last written to the log: each change is logged once, not at every health poll. */
    private String logged;

    /** @return null if a broker answered, else what went wrong */
    public synchronized String problem() {
        long now = System.nanoTime();
        if (admin != null && now - checkedAt < CACHE_NANOS) {
            return lastProblem;
        }
        checkedAt = now;
        try {
            int nodes = admin().describeCluster(new DescribeClusterOptions().timeoutMs(1500)).nodes()
                    .get(2, TimeUnit.SECONDS).size();
            lastProblem = nodes > 0 ? null : "the cluster reports no brokers";
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            lastProblem = "no broker at " + bootstrapServers + " answered: " + cause;
        }
        if (lastProblem != null && !lastProblem.equals(logged)) {
            LOG.warning("Kafka unreachable: " + lastProblem);
        } else if (lastProblem == null && logged != null) {
            LOG.info("Kafka reachable again");
        }
        logged = lastProblem;
        return lastProblem;
    }

    private Admin admin() {
        if (admin == null) {
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.CLIENT_ID_CONFIG, "playball-auth-health");
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1500");
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
            props.putAll(KafkaClientSecurity.forPrincipal(ConfigProvider.getConfig(), "auth"));
            admin = Admin.create(props);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(2));
        }
    }
}
