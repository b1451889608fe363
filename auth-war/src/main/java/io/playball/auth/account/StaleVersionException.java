package io.playball.auth.account;

/** Thrown when a change names a version of the account that is no longer its current one. */
public class StaleVersionException extends RuntimeException {

    private final long currentVersion;

    public StaleVersionException(long currentVersion) {
        super("The account has changed since the version you sent; its current version is " + currentVersion);
        this.currentVersion = currentVersion;
    }

    public StaleVersionException(String message) {
        super(message);
        this.currentVersion = -1;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
