package io.playball.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureKindTest {

    @ParameterizedTest(name = "SQLState {0} is {1}")
    @CsvSource({
            "08006, TRANSIENT",   // connection failure
            "40001, TRANSIENT",   // serialization failure; Derby's deadlock
            "40XL1, TRANSIENT",   // Derby's lock timeout
            "40P01, TRANSIENT",   // PostgreSQL's deadlock
            "53300, TRANSIENT",   // too many connections
            "57P01, TRANSIENT",   // administrator shutdown (pg_terminate_backend)
            "42501, TRANSIENT",   // insufficient privilege: the deployment's to fix
            "22021, PERMANENT",   // PostgreSQL: a NUL character in text
            "22001, PERMANENT",   // value too long
            "23505, UNKNOWN",     // unique violation: a concurrent copy of the batch's event, skipped when retried
            "23502, PERMANENT",   // not-null violation
            "55P03, TRANSIENT",   // PostgreSQL: lock_timeout
            "57014, TRANSIENT",   // PostgreSQL: statement_timeout
            "XJ001, UNKNOWN",
            "HY000, UNKNOWN"})
    void theSqlStateClassDecides(String state, FailureKind kind) {
        PersistenceException wrapped = new PersistenceException("commit failed",
                new RuntimeException("EclipseLink", new SQLException("refused", state)));
        assertEquals(kind, FailureKind.of(wrapped));
    }

    @Test
    void aTransientJdbcTypeWithoutStateIsTransient() {
        assertEquals(FailureKind.TRANSIENT, FailureKind.of(new RuntimeException(new SQLTransientConnectionException("gone"))));
    }

    @Test
    void anythingElseIsUnknown() {
        assertEquals(FailureKind.UNKNOWN, FailureKind.of(new IllegalStateException("surprise")));
    }

    @Test
    void theInnermostStateIsRead() {
        SQLException outer = new SQLException("batch failed", "XJ001", new SQLException("value", "22021"));
        assertEquals(Optional.of("22021"), FailureKind.sqlState(outer));
    }
}
