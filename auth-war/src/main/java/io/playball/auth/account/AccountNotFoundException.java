package io.playball.auth.account;

/** Thrown when the account a valid token names no longer exists (it was deleted). */
public class AccountNotFoundException extends RuntimeException {
    public AccountNotFoundException() {
        super("The account does not exist (any more)");
    }
}
