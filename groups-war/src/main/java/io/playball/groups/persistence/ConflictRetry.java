package io.playball.groups.persistence;

import io.playball.platform.persistence.SqlFailures;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Runs {@link RetriedOnConflict} methods again after a transaction lost to a concurrent one. */
@RetriedOnConflict
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)  // before (outside) @Transactional's PLATFORM_BEFORE + 200
public class ConflictRetry {

    static final int ATTEMPTS = 3;
    private static final long FIRST_PAUSE_MS = 20;
    private static final Logger LOG = Logger.getLogger(ConflictRetry.class.getName());

    @AroundInvoke
    Object retry(InvocationContext invocation) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return invocation.proceed();
            } catch (RuntimeException e) {
                if (!SqlFailures.isConflict(e)) {
                    throw e;
                }
                if (attempt == ATTEMPTS) {
                    LOG.log(Level.WARNING, "{0} lost to concurrent changes {1} times: {2}",
                            new Object[] {invocation.getMethod().getName(), ATTEMPTS, e.toString()});
                    throw new DatabaseBusyException(e);
                }
                LOG.log(Level.FINE, "{0} lost to a concurrent change, attempt {1}: {2}",
                        new Object[] {invocation.getMethod().getName(), attempt, e.toString()});
                Thread.sleep(FIRST_PAUSE_MS << (attempt - 1));  // a short, growing pause lets the winner finish
            }
        }
    }
}
