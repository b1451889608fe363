package io.playball.auth.faults;

import jakarta.enterprise.context.RequestScoped;

/**
 * Test servers only: the fault a request asked for ({@code X-PlayBall-Fault: after-write}), to prove that a change and
 * its outbox row roll back together. Armed by {@link FaultInjectionFilter}, acted on by {@link AfterWriteFault}; both
 * exist in a server only when {@code playball.fault-injection.enabled} is true, which production mode refuses.
 */
@RequestScoped
public class FaultInjection {

    public static final String AFTER_WRITE = "after-write";

    private String armed;

    void arm(String point) {
        this.armed = point;
    }

    boolean isArmed(String point) {
        return point.equals(armed);
    }

    /** The failure a test asked for. */
    public static class InjectedFaultException extends RuntimeException {
        InjectedFaultException(String point) {
            super("Injected fault at " + point);
        }
    }
}
