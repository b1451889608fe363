package io.playball.auth.faults;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.Set;

/**
 * Fails a change after its rows are written and before its transaction commits, when the request asked for it.
 * Runs inside the service method's transaction ({@code @Transactional}'s interceptor is outside this one).
 */
@FaultInjectable
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AfterWriteFault {

    /** The changes that write an account row and an outbox row. */
    private static final Set<String> CHANGES = Set.of("register", "rename", "delete");

    @Inject
    FaultInjection faults;

    @AroundInvoke
    Object failAfterTheWrites(InvocationContext invocation) throws Exception {
        Object result = invocation.proceed();
        if (CHANGES.contains(invocation.getMethod().getName()) && faults.isArmed(FaultInjection.AFTER_WRITE)) {
            throw new FaultInjection.InjectedFaultException(FaultInjection.AFTER_WRITE);
        }
        return result;
    }
}
