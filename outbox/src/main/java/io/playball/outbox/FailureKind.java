package io.playball.outbox;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Optional;

/**
 * What a consumer's failure to apply an event says about trying again, read from the SQLState of the SQLException
 * inside it (its class: the first two characters) or from the JDBC exception type:
 * <ul>
 * <li>TRANSIENT, retried with backoff for as long as it lasts: 08 connection, 40 serialization failure or deadlock
 * (Derby's 40001 and 40XL1, PostgreSQL's 40001 and 40P01), 53 insufficient resources, 57 operator intervention, 58
 * system error, 42 access or schema (the deployment's to fix, not the record's), PostgreSQL's 55P03 (a lock not
 * had within lock_timeout), and the JDBC transient and recoverable exception types;</li>
 * <li>PERMANENT, parked at once: 22 data exception (PostgreSQL refusing a NUL character, 22021), 23 integrity
 * constraint violation;</li>
 * <li>UNKNOWN, anything else: retried, then parked after a bounded number of attempts. So is 23505, a unique
 * violation: the usual one in a consumer is the inbox's key, when a second delivery of an event (after a rebalance)
 * commits first; retried, the inbox skips the event, and a unique violation of the application's own is parked
 * once the attempts run out.</li>
 * </ul>
 */
public enum FailureKind {
    TRANSIENT,
    PERMANENT,
    UNKNOWN;

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    public static FailureKind of(Throwable failure) {
        Optional<String> state = sqlState(failure);
        if (state.isPresent() && state.get().equals(UNIQUE_VIOLATION)) {
            return UNKNOWN;
        }
        if (state.isPresent() && state.get().equals(LOCK_NOT_AVAILABLE)) {
            return TRANSIENT;
        }
        if (state.isPresent() && state.get().length() >= 2) {
            switch (state.get().substring(0, 2)) {
                case "08", "40", "53", "57", "58", "42":
                    return TRANSIENT;
                case "22", "23":
                    return PERMANENT;
                default:
                    break;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return TRANSIENT;
            }
        }
        return UNKNOWN;
    }

    /** The SQLState of the innermost SQLException that has one. */
    public static Optional<String> sqlState(Throwable failure) {
        String found = null;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null) {
                        found = s.getSQLState();
                    }
                }
            }
        }
        return Optional.ofNullable(found);
    }
}
