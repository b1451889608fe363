import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the build's topics on its single-node broker, waiting until the broker answers: {@code java -cp <jars>
 * KafkaTopics.java <bootstrap> <topic>:<partitions>...}. A topic that exists already is left as it is.
 */
public final class KafkaTopics {

    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** A record of a mebibyte's payload with its key and headers: the outbox's limit (docs/deploying.md). */
    private static final String MAX_MESSAGE_BYTES = "1114112";

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] topic = args[i].split(":");
            topics.add(new NewTopic(topic[0], Optional.of(Integer.parseInt(topic[1])), Optional.of((short) 1))
                    .configs(Map.of("max.message.bytes", MAX_MESSAGE_BYTES)));
        }
        Instant deadline = Instant.now().plus(PATIENCE);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]))) {
            for (NewTopic topic : topics) {
                while (!created(admin, topic)) {  // the broker is still starting: ask again
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the broker at " + args[0] + " did not answer within "
                                + PATIENCE + " to create " + topic.name());
                    }
                }
            }
        }
    }

    /** True once the topic exists, false if the broker did not answer in time; throws on any other refusal. */
    private static boolean created(Admin admin, NewTopic topic) throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw e;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
