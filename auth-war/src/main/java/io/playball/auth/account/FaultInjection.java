package io.playball.auth.account;

import jakarta.enterprise.context.RequestScoped;

/**
 * Test-only: lets an integration test make a change fail after its rows are written but before commit, to prove
 * that the change and its outbox row roll back together, or leave a committed change's event waiting in the outbox.
 * Armed per request by the API, and only when {@code playball.fault-injection.enabled} is true (never in a real
 * deployment).
 */
@RequestScoped
public class FaultInjection {

    public static final String AFTER_WRITE = "after-write";
    /** The change commits, but its outbox row waits an hour before its first send: a row stuck in the outbox. */
    public static final String HOLD_OUTBOX = "hold-outbox";

    private String armed;

    public void arm(String point) {
        this.armed = point;
    }

    boolean isArmed(String point) {
        return point.equals(armed);
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
