package io.playball.outbox.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The maintenance count is called on the write path: it must never fail the caller's change. */
class OutboxVacuumTest {

    private final OutboxVacuum vacuum = new OutboxVacuum();

    @Test
    void aWriteStandsWhenTheMaintenanceTaskCannotBeQueuedAndTheNextWriteQueuesIt() {
        vacuum.settings = TestSettings.outboxSettings();
        vacuum.settings.vacuumAfterRows = 1;
        vacuum.resources = new ManagedResources() {
            @Override
            ManagedExecutorService executor() {  // a server that is stopping
                return (ManagedExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {ManagedExecutorService.class}, (self, method, args) -> {
                            throw new RejectedExecutionException("shutting down");
                        });
            }
        };
        assertDoesNotThrow(() -> vacuum.written(1));

        TestResources resources = new TestResources();
        vacuum.resources = resources;
        vacuum.written(1);
        assertEquals(1, resources.waitingTasks(), "the refused task is queued again at the next count");
    }
}
