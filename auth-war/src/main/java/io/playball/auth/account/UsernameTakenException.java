package io.playball.auth.account;

/** Thrown by registration when the username (compared without regard to case) already belongs to an account. */
public class UsernameTakenException extends RuntimeException {
    public UsernameTakenException(String username) {
        super("The username " + username + " is already taken");
    }
}
