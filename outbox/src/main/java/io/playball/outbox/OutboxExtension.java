package io.playball.outbox;

import io.playball.outbox.internal.ManagedResources;
import io.playball.outbox.internal.OutboxAppender;
import io.playball.outbox.internal.OutboxBacklogCheck;
import io.playball.outbox.internal.OutboxBatchLock;
import io.playball.outbox.internal.OutboxHold;
import io.playball.outbox.internal.OutboxMetrics;
import io.playball.outbox.internal.OutboxRelay;
import io.playball.outbox.internal.OutboxRepair;
import io.playball.outbox.internal.OutboxSettings;
import io.playball.outbox.internal.OutboxStartup;
import io.playball.outbox.internal.OutboxStore;
import io.playball.outbox.internal.OutboxSweep;
import io.playball.outbox.internal.OutboxVacuum;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;

/**
 * Turns the outbox on in the application that registers this extension (a line in its {@code
 * META-INF/services/jakarta.enterprise.inject.spi.Extension}). The library's bean archive discovers nothing, so an
 * application that does not register it has no relay, sweep, metrics or health check of an outbox it does not have.
 */
public class OutboxExtension implements Extension {

    static final List<Class<?>> BEANS = List.of(OutboxAppender.class, OutboxRelay.class, OutboxSweep.class,
            OutboxStore.class, OutboxSettings.class, OutboxHold.class, OutboxBatchLock.class, OutboxVacuum.class,
            OutboxMetrics.class, OutboxBacklogCheck.class, OutboxRepair.class, OutboxStartup.class,
            ManagedResources.class);

    void addBeans(@Observes BeforeBeanDiscovery discovery) {
        for (Class<?> bean : BEANS) {
            discovery.addAnnotatedType(bean, OutboxExtension.class.getName() + "/" + bean.getSimpleName());
        }
    }
}
