package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.playball.platform.schema.SchemaMigrator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
        assertEquals(List.of("EVENT_ID", "AGGREGATE_ID", "AGGREGATE_VERSION", "EVENT_TYPE", "PAYLOAD", "CREATED_AT",
                "ATTEMPTS", "NEXT_ATTEMPT_AT", "LAST_ERROR", "CLAIMED_BY", "CLAIMED_UNTIL", "TRACE_PARENT",
                "TRACE_STATE", "KEY_SEQ"), columns("OUTBOX_EVENT"));
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
