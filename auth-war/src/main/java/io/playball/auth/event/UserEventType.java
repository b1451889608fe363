package io.playball.auth.event;

/** The event types of the {@code user-events} contract; the constant names are the wire names. */
public enum UserEventType {
    UserRegistered,
    UserUpdated,
    UserDeleted
}
