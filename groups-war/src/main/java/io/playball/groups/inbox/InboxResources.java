package io.playball.groups.inbox;

import io.playball.outbox.InboxDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Groups' inbox is the platform's, in groups' database: an event's inbox row commits with its effect on the user
 * view. Its table is {@code inbox_event}, with the user's id and version as the aggregate's (META-INF/orm.xml).
 */
@ApplicationScoped
public class InboxResources {

    @Produces
    @InboxDatabase
    @PersistenceContext(unitName = "groups")
    EntityManager entityManager;
}
