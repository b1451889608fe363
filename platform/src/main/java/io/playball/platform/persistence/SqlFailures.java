package io.playball.platform.persistence;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/** What kind of database failure an exception carries, by the JDBC type or SQLState of a cause. */
public final class SqlFailures {

    private SqlFailures() {
    }

    /** A lost or refused connection: the JDBC types for it, or SQLState class 08 / 57P0x (PostgreSQL shutdown). */
    public static boolean isConnectionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lost to a concurrent transaction: SQLState class 40 (Derby 40001 and 40XL1, PostgreSQL 40001 and 40P01), or
     * JPA's lock exceptions.
     */
    public static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PessimisticLockException || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A statement the database gave up on: PostgreSQL's 55P03 (a lock not had within {@code lock_timeout}) or 57014
     * (cancelled, by {@code statement_timeout} among others).
     */
    public static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && ("55P03".equals(sql.getSQLState())
                    || "57014".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Class 23: a constraint refused the change (a unique value taken, say). */
    public static boolean isIntegrityViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
