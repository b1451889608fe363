package io.playball.groups.event;

/** Thrown by {@link UserEventDecoder} for a record that can never be applied; its message is the parking reason. */
public class UnreadableEventException extends Exception {
    public UnreadableEventException(String reason) {
        super(reason);
    }
}
