package io.playball.outbox;

import io.playball.outbox.internal.InboxRetention;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import java.util.List;

/**
 * Turns the inbox on in the application that registers this extension (a line in its {@code
 * META-INF/services/jakarta.enterprise.inject.spi.Extension}); the library's bean archive discovers nothing, so an
 * application that consumes nothing has no inbox or purge schedule.
 */
public class InboxExtension implements Extension {

    static final List<Class<?>> BEANS = List.of(Inbox.class, InboxRetention.class);

    void addBeans(@Observes BeforeBeanDiscovery discovery) {
        for (Class<?> bean : BEANS) {
            discovery.addAnnotatedType(bean, InboxExtension.class.getName() + "/" + bean.getSimpleName());
        }
    }
}
