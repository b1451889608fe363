package io.playball.outbox.internal;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The container's concurrency resources run by the test: executor tasks wait until {@link #runTasks()}, and the
 * relay's sender thread is never started, the test takes its turns instead ({@link OutboxRelay#sendNext}).
 */
final class TestResources extends ManagedResources {

    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final List<Duration> delays = new ArrayList<>();
    /** As an executor whose application is stopping: every task refused. */
    private boolean refusing;
    private final ManagedExecutorService executor = only(ManagedExecutorService.class, "execute", args -> {
        accept((Runnable) args[0]);
        return null;
    });
    private final ManagedScheduledExecutorService scheduler = only(ManagedScheduledExecutorService.class,
            Map.of("execute", args -> {
                accept((Runnable) args[0]);
                return null;
            }, "schedule", args -> {
                accept((Runnable) args[0]);
                delays.add(Duration.of((Long) args[1], ((TimeUnit) args[2]).toChronoUnit()));
                return null;
            }));
    private final ManagedThreadFactory threads = only(ManagedThreadFactory.class, "newThread",
            args -> new Thread((Runnable) args[0]) {
                @Override
                public synchronized void start() {
                    // the test is the sender thread
                }
            });

    @Override
    ManagedExecutorService executor() {
        return executor;
    }

    /**
     * Tasks to run now, and delayed ones (their delays are kept), which wait with the executor's; the test calls the
     * sweep's ticks itself.
     */
    @Override
    ManagedScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    ManagedThreadFactory threads() {
        return threads;
    }

    /** Runs the last task submitted, alone, on the test's thread (one that overtakes the tasks before it). */
    void runLastTask() {
        Runnable last = tasks.pollLast();
        last.run();
    }

    /** Runs the waiting tasks, and the tasks they submit, on the test's thread; returns how many ran. */
    int runTasks() {
        int ran = 0;
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            task.run();
            ran++;
        }
        return ran;
    }

    private void accept(Runnable task) {
        if (refusing) {
            throw new RejectedExecutionException("the test's executor refuses tasks");
        }
        tasks.add(task);
    }

    /** From now on, every task submitted is refused (true) or taken again (false). */
    void refuse(boolean refuse) {
        refusing = refuse;
    }

    int waitingTasks() {
        return tasks.size();
    }

    /** The delays of the tasks scheduled for later, in the order they were scheduled. */
    List<Duration> delays() {
        return List.copyOf(delays);
    }

    /** An implementation of {@code type} with one method, the only one the outbox calls. */
    private static <T> T only(Class<T> type, String method, Function<Object[], Object> body) {
        return only(type, Map.of(method, body));
    }

    /** An implementation of {@code type} with the methods the outbox calls, by name. */
    private static <T> T only(Class<T> type, Map<String, Function<Object[], Object>> methods) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, called, args) -> {
            Function<Object[], Object> body = methods.get(called.getName());
            if (body != null) {
                return body.apply(args);
            }
            throw new UnsupportedOperationException(type.getSimpleName() + "." + called.getName() + " in a test");
        }));
    }
}
