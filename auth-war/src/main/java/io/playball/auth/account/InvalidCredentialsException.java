package io.playball.auth.account;

/** Thrown by login for an unknown username and for a wrong password alike, so the two cannot be told apart. */
public class InvalidCredentialsException extends RuntimeException {
    public InvalidCredentialsException() {
        super("Unknown username or wrong password");
    }
}
