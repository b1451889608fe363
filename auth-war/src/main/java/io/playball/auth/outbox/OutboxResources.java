package io.playball.auth.outbox;

import io.playball.outbox.OutboxDatabase;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import javax.sql.DataSource;

/** The outbox table lives in auth's database, beside the accounts whose changes it carries. */
@ApplicationScoped
public class OutboxResources {

    @Produces
    @OutboxDatabase
    @PersistenceContext(unitName = "auth")
    EntityManager entityManager;

    @Produces
    @OutboxDatabase
    @Resource(lookup = "jdbc/auth")
    DataSource dataSource;
}
