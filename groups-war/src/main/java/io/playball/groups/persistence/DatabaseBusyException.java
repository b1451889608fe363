package io.playball.groups.persistence;

/** Thrown when a change kept losing to concurrent ones (deadlocks, lock timeouts): the client may retry it. */
public class DatabaseBusyException extends RuntimeException {

    public DatabaseBusyException(Throwable cause) {
        super("The change met concurrent changes to the same data; retry it", cause);
    }
}
