package io.playball.groups.userview;

/** Fired inside the transaction that applies a UserDeleted event: whoever holds the user's data lets go of it. */
public record UserDeparted(String userId) {
}
