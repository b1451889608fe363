package io.playball.auth.messaging;

/** The event types of the {@code user-events} contract; the constant names are the wire names. */
public enum UserEventType {
    UserRegistered,
    UserUpdated,
    UserDeleted
}
