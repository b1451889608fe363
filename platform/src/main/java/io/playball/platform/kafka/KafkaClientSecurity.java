package io.playball.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The settings that authenticate a Kafka client the services create themselves (health checks, the dead-letter
 * reader), the same way messaging.xml authenticates the Reactive Messaging channels: {@code kafka.security.protocol}
 * (PLAINTEXT, SASL_PLAINTEXT or SASL_SSL), {@code kafka.sasl.mechanism} and, per principal, {@code kafka.<principal>.user}
 * and {@code .password}. With PLAINTEXT nothing but the protocol is set.
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    /** The client properties for {@code principal} ("auth", "groups", ...), read from MicroProfile Config. */
    public static Map<String, Object> forPrincipal(Config config, String principal) {
        return forPrincipal(name -> config.getOptionalValue(name, String.class), principal);
    }

    static Map<String, Object> forPrincipal(Function<String, Optional<String>> config, String principal) {
        String protocol = config.apply("kafka.security.protocol").orElse("PLAINTEXT");
        Map<String, Object> props = new HashMap<>();
        props.put("security.protocol", protocol);
        if (protocol.startsWith("SASL_")) {
            String mechanism = config.apply("kafka.sasl.mechanism").orElse("SCRAM-SHA-512");
            props.put("sasl.mechanism", mechanism);
            props.put("sasl.jaas.config", jaas(mechanism,
                    config.apply("kafka." + principal + ".user").orElse(""),
                    config.apply("kafka." + principal + ".password").orElse("")));
        }
        return props;
    }

    /** The JAAS line kafka-clients reads, with the values quoted as its parser expects. */
    static String jaas(String mechanism, String user, String password) {
        String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
        return module + " required username=\"" + quoted(user) + "\" password=\"" + quoted(password) + "\";";
    }

    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
