package io.playball.auth.account;

/** Thrown when every password-hashing thread is busy and none may wait: the server refuses rather than queue. */
public class HashingBusyException extends RuntimeException {

    public HashingBusyException() {
        super("The server is busy checking other passwords; retry in a moment");
    }
}
