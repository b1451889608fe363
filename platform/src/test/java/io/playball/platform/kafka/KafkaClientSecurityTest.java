package io.playball.platform.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void plaintextSetsNothingButTheProtocol() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"),
                KafkaClientSecurity.forPrincipal(name -> Optional.empty(), "auth"));
    }

    @Test
    void saslAuthenticatesAsThePrincipalWithScramByDefault() {
        Map<String, String> config = Map.of("kafka.security.protocol", "SASL_SSL",
                "kafka.groups.user", "playball-groups", "kafka.groups.password", "s3cret");
        assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                                + " username=\"playball-groups\" password=\"s3cret\";"),
                KafkaClientSecurity.forPrincipal(name -> Optional.ofNullable(config.get(name)), "groups"));
    }

    @Test
    void quotesAndBackslashesInAPasswordAreEscaped() {
        assertEquals("org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\""
                + " password=\"a\\\"b\\\\c\";", KafkaClientSecurity.jaas("PLAIN", "u", "a\"b\\c"));
    }
}
