package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.platform.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCountCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;

/** The outbox's changelog as applications include it, on one database that they share with one history table. */
class OutboxChangelogTest {

    private final EmbeddedDataSource database = new EmbeddedDataSource();

    OutboxChangelogTest() {
        database.setDatabaseName("memory:changelog-" + UUID.randomUUID());
        database.setCreateDatabase("create");
    }

    @Test
    void twoApplicationsOnOneDatabaseEachGetTheirOwnTable() throws Exception {
        migrate("db/outbox-test-changelog.xml");
        migrate("db/other-outbox-changelog.xml");
        assertEquals(List.of("EVENT_ID", "AGGREGATE_ID", "AGGREGATE_VERSION", "EVENT_TYPE", "CREATED_AT", "ATTEMPTS",
                "NEXT_ATTEMPT_AT", "LAST_ERROR", "CLAIMED_BY", "CLAIMED_UNTIL", "TRACE_PARENT", "TRACE_STATE",
                "KEY_SEQ", "PAYLOAD"), columns("OUTBOX_EVENT"));
        assertEquals(columns("OUTBOX_EVENT"), columns("OTHER_OUTBOX_EVENT"));
    }

    @Test
    void runningItAgainChangesNothing() throws Exception {
        migrate("db/outbox-test-changelog.xml");
        migrate("db/outbox-test-changelog.xml");  // as at every start
        assertEquals(14, columns("OUTBOX_EVENT").size());
    }

    @Test
    void itsChangeSetsAreRecordedUnderThePathDatabasesKnowThemBy() throws Exception {
        migrate("db/outbox-test-changelog.xml");
        // before the library was a module of its own, platform's jar had the changelogs at these paths
        assertEquals(List.of("io/playball/platform/inbox/inbox-changelog.xml",
                "io/playball/platform/outbox/outbox-changelog.xml"), recordedFiles());
    }

    @Test
    void rowsWrittenBeforeThePayloadBecameALargeObjectKeepTheirPayloads() throws Exception {
        updateCount("db/outbox-test-changelog.xml", 2);  // the outbox's first two changeSets: VARCHAR(4000)
        try (Connection c = database.getConnection()) {
            c.createStatement().executeUpdate("INSERT INTO outbox_event (event_id, aggregate_id, aggregate_version,"
                    + " event_type, payload, created_at, next_attempt_at, key_seq) VALUES ('e1', 'user-1', 3,"
                    + " 'Renamed', '{\"name\":\"Zo\u00eb\"}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
        }

        migrate("db/outbox-test-changelog.xml");

        try (Connection c = database.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT payload FROM outbox_event")) {
            assertTrue(rs.next());
            assertEquals("{\"name\":\"Zo\u00eb\"}", rs.getString(1));
        }
        assertEquals("CLOB", typeOf("OUTBOX_EVENT", "PAYLOAD"));
    }

    private String typeOf(String table, String column) throws SQLException {
        try (Connection c = database.getConnection();
             ResultSet rs = c.getMetaData().getColumns(null, null, table, column)) {
            return rs.next() ? rs.getString("TYPE_NAME") : null;
        }
    }

    /** The changelog's first {@code count} changeSets only, as a database that has not yet seen the later ones. */
    private void updateCount(String changelog, int count) throws Exception {
        try (Connection c = database.getConnection()) {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(
                    getClass().getClassLoader())), () -> new CommandScope(UpdateCountCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, db)
                    .addArgumentValue(UpdateCountCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .addArgumentValue(UpdateCountCommandStep.COUNT_ARG, count)
                    .execute());
        }
    }

    private List<String> recordedFiles() throws SQLException {
        try (Connection c = database.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT DISTINCT FILENAME FROM DATABASECHANGELOG ORDER BY FILENAME")) {
            List<String> files = new ArrayList<>();
            while (rs.next()) {
                files.add(rs.getString(1));
            }
            return files;
        }
    }

    private void migrate(String changelog) throws Exception {
        new SchemaMigrator("test", database, changelog, getClass().getClassLoader()).migrate();
    }

    private List<String> columns(String table) throws SQLException {
        try (Connection c = database.getConnection();
             ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("COLUMN_NAME"));
            }
            return names;
        }
    }
}
