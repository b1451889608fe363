package io.playball.platform.persistence;

import io.playball.platform.schema.SchemaMigrator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * A service's real schema and persistence unit on an in-memory Derby database, in the test's JVM: the service's
 * queries run as on the server (EclipseLink, Liquibase changelog), with transactions the test begins and commits.
 * Each instance is a fresh database.
 */
public final class TestDatabase implements AutoCloseable {

    private final EmbeddedDataSource dataSource = new EmbeddedDataSource();
    private final EntityManagerFactory factory;

    /**
     * @param unit      the service's persistence unit (JTA on the server; resource-local here)
     * @param changelog the service's Liquibase changelog on the test's class path
     */
    public TestDatabase(String unit, String changelog) {
        this(unit, changelog, Map.of(), Map.of());
    }

    /**
     * With values for the changelog's properties, and its own EclipseLink session, so that the unit's customizers
     * run again for this database's settings.
     */
    public TestDatabase(String unit, String changelog, Map<String, String> changelogParameters) {
        this(unit, changelog, changelogParameters, Map.of("eclipselink.session-name", unit + "-" + UUID.randomUUID()));
    }

    private TestDatabase(String unit, String changelog, Map<String, String> changelogParameters,
                         Map<String, Object> unitProperties) {
        dataSource.setDatabaseName("memory:" + unit + "-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        try {
            new SchemaMigrator(unit, dataSource, changelog, TestDatabase.class.getClassLoader())
                    .withParameters(changelogParameters).migrate();
        } catch (Exception e) {
            throw new IllegalStateException("could not create the " + unit + " schema", e);
        }
        Map<String, Object> properties = new HashMap<>(unitProperties);
        properties.putAll(Map.of(
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.jtaDataSource", dataSource,
                "jakarta.persistence.nonJtaDataSource", dataSource,
                "eclipselink.weaving", "false",
                "eclipselink.logging.level", "WARNING"));
        factory = Persistence.createEntityManagerFactory(unit, properties);
    }

    /** A new entity manager, as a request or a relay's transaction would have. */
    public EntityManager entityManager() {
        return factory.createEntityManager();
    }

    /** Runs {@code work} in one transaction of {@code em}, committed on return, rolled back on a failure. */
    public static <T> T inTransaction(EntityManager em, Function<EntityManager, T> work) {
        em.getTransaction().begin();
        try {
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.clear();  // the next transaction reads the rows again, as a new one on the server would
        }
    }

    public static void runInTransaction(EntityManager em, Consumer<EntityManager> work) {
        inTransaction(em, (Function<EntityManager, Void>) e -> {
            work.accept(e);
            return null;
        });
    }

    @Override
    public void close() {
        factory.close();
    }
}
