package io.playball.platform.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

/**
 * A start whose changelog the schema was last migrated from does not start Liquibase; anything that could change the
 * schema does.
 */
class SchemaMigratorTest {

    private static final String CHANGELOG = "db/fingerprint/main-changelog.xml";
    private final EmbeddedDataSource database = new EmbeddedDataSource();

    SchemaMigratorTest() {
        database.setDatabaseName("memory:fingerprint-" + UUID.randomUUID());
        database.setCreateDatabase("create");
    }

    @Test
    void aSecondStartOnTheSameChangelogSkipsLiquibase() throws Exception {
        assertTrue(migrator(Map.of()).migrate(), "the first migration runs Liquibase");
        assertEquals(2, changeSetsApplied());

        assertFalse(migrator(Map.of()).migrate(), "nothing changed: Liquibase not run");
        assertEquals(2, changeSetsApplied());
    }

    @Test
    void otherParametersRunLiquibaseAgain() throws Exception {
        migrator(Map.of()).migrate();

        assertTrue(migrator(Map.of("thing.table", "renamed_thing")).migrate());
        assertEquals(3, changeSetsApplied(), "the changeSet named by the parameter is new");
        assertFalse(migrator(Map.of("thing.table", "renamed_thing")).migrate());
    }

    @Test
    void aSchemaWithoutItsRecordRunsLiquibase() throws Exception {
        migrator(Map.of()).migrate();
        try (Connection c = database.getConnection()) {
            c.createStatement().executeUpdate("DELETE FROM " + SchemaFingerprint.TABLE);
        }

        assertTrue(migrator(Map.of()).migrate());
        assertFalse(migrator(Map.of()).migrate(), "recorded again");
    }

    @Test
    void aChangedIncludedFileChangesTheFingerprint() throws Exception {
        ClassLoader loader = getClass().getClassLoader();
        ClassLoader edited = new ClassLoader(loader) {
            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                if (name.equals("db/fingerprint/included-changelog.xml")) {
                    return new java.io.ByteArrayInputStream("<databaseChangeLog/>".getBytes());
                }
                return super.getResourceAsStream(name);
            }
        };
        assertFalse(SchemaFingerprint.of(CHANGELOG, loader, Map.of())
                .equals(SchemaFingerprint.of(CHANGELOG, edited, Map.of())));
    }

    private SchemaMigrator migrator(Map<String, String> parameters) {
        return new SchemaMigrator("test", database, CHANGELOG, getClass().getClassLoader()).withParameters(parameters);
    }

    private int changeSetsApplied() throws SQLException {
        try (Connection c = database.getConnection();
             ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM DATABASECHANGELOG")) {
            r.next();
            return r.getInt(1);
        }
    }
}
