package io.playball.groups.outbox;

import io.playball.outbox.OutboxDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import javax.sql.DataSource;

/**
 * Groups' outbox table lives in groups' database, beside the groups whose changes it carries; it is
 * {@code group_outbox_event} (META-INF/orm.xml), as the two services may share one database.
 */
@ApplicationScoped
public class OutboxResources {

    @Produces
    @OutboxDatabase
    @PersistenceContext(unitName = "groups")
    EntityManager entityManager;

    @Produces
    @OutboxDatabase
    @Resource(lookup = "jdbc/groups")
    DataSource dataSource;
}
