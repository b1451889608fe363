package io.playball.auth.account;

import java.sql.SQLException;

/** Reads what kind of database failure an exception carries, by the SQLState of the SQLException inside it. */
final class SqlStates {

    private SqlStates() {
    }

    /** Class 23: a constraint refused the change (a unique username taken, say). */
    static boolean isIntegrityViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
