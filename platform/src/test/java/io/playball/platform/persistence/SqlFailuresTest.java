package io.playball.platform.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A failure's kind from the SQLState of a cause, however deep the persistence provider wrapped it. */
class SqlFailuresTest {

    @ParameterizedTest
    @CsvSource({
            "55P03, true",   // PostgreSQL: lock_timeout
            "57014, true",   // PostgreSQL: statement_timeout (a cancel)
            "40P01, false",  // a deadlock: a conflict, retried as such
            "08006, false",  // a lost connection
            "23505, false"})
    void aLockOrStatementTimeoutIsATimeout(String sqlState, boolean timeout) {
        Exception wrapped = new PersistenceException(new RuntimeException(new SQLException("x", sqlState)));
        assertEquals(timeout, SqlFailures.isTimeout(wrapped), sqlState);
    }
}
