package io.playball.groups.persistence;

/** Thrown when a change (or a read) kept losing to concurrent ones (deadlocks, lock timeouts): the client may retry it. */
public class DatabaseBusyException extends RuntimeException {

    public DatabaseBusyException(Throwable cause) {
        super("The change met concurrent changes to the same data; retry it", cause);
    }

    /** A read that changes to the same data kept outrunning. */
    public static DatabaseBusyException forRead() {
        return new DatabaseBusyException("The data changed while it was being read; retry");
    }

    private DatabaseBusyException(String message) {
        super(message);
    }
}
