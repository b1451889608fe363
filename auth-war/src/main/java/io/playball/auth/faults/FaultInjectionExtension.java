package io.playball.auth.faults;

import io.playball.auth.account.AccountService;
import io.playball.platform.faults.FaultInjectionSwitch;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;

/**
 * Makes the account service fault-injectable on a server with {@code playball.fault-injection.enabled}, and only there:
 * business code carries no test hook, and a production server has none bound at all.
 */
public class FaultInjectionExtension implements Extension {

    void bind(@Observes ProcessAnnotatedType<AccountService> type) {
        if (FaultInjectionSwitch.isOn()) {
            type.configureAnnotatedType().add(FaultInjectable.Literal.INSTANCE);
        }
    }
}
