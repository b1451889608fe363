package io.playball.groups.faults;

import io.playball.groups.messaging.UserEventConsumer;
import io.playball.platform.faults.FaultInjectionSwitch;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Makes the consumer's stream endable by a record's header on a server with {@code playball.fault-injection.enabled},
 * and only there: the consumer carries no test hook, and a production server has none bound at all.
 */
public class FaultInjectionExtension implements Extension {

    void bind(@Observes ProcessAnnotatedType<UserEventConsumer> type) {
        if (FaultInjectionSwitch.isOn()) {
            type.configureAnnotatedType().add(StreamEndingFaults.Literal.INSTANCE);
        }
    }
}
