package io.playball.groups.monitoring;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether the connector's Kafka consumer is open in this JVM: kafka-clients registers each consumer's metrics as a
 * JMX MBean named by its client id, and removes it when the consumer is closed. (Its last-poll age is no use here:
 * the connector polls with a long timeout, so an idle, healthy consumer looks as if it had not polled for minutes.)
 */
@ApplicationScoped
public class KafkaConsumerProbe {

    @Inject
    @ConfigProperty(name = "mp.messaging.incoming.user-events-in.client.id", defaultValue = "playball-groups-consumer")
    String clientId;

    public boolean open() {
        try {
            return !ManagementFactory.getPlatformMBeanServer()
                    .queryNames(new ObjectName("kafka.consumer:type=consumer-metrics,client-id=" + clientId), null)
                    .isEmpty();
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("client id not usable in a JMX name: " + clientId, e);
        }
    }
}
