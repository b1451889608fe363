package io.playball.auth.account;

import jakarta.enterprise.context.RequestScoped;

/**
 * Test-only: lets an integration test make a change fail after its rows are written but before commit, to prove
 * that the change and its outbox row roll back together. Armed per request by the API, and only when
 * {@code playball.fault-injection.enabled} is true (never in a real deployment).
 */
@RequestScoped
public class FaultInjection {

    public static final String AFTER_WRITE = "after-write";

    private String armed;

    public void arm(String point) {
        this.armed = point;
    }

    void check(String point) {
        if (point.equals(armed)) {
            throw new InjectedFaultException(point);
        }
    }

    /** The failure a test asked for. */
    public static class InjectedFaultException extends RuntimeException {
        InjectedFaultException(String point) {
            super("Injected fault at " + point);
        }
    }
}
