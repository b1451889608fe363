package io.playball.it.support;

import io.playball.it.support.Accounts.User;
import java.time.Duration;
import java.time.Instant;

/** An operator's token at a server, renewed well before its short life ends: for tests that run for minutes. */
public final class OperatorToken {

    private final String base;
    private final User operator;
    private String token;
    private Instant loggedInAt = Instant.MIN;

    public OperatorToken(String base, User operator) {
        this.base = base;
        this.operator = operator;
    }

    public synchronized String get() {
        if (Duration.between(loggedInAt, Instant.now()).compareTo(Duration.ofMinutes(2)) > 0) {
            token = Accounts.loginAt(base, operator.username());
            loggedInAt = Instant.now();
        }
        return token;
    }
}
