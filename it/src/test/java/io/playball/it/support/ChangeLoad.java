package io.playball.it.support;

import io.playball.it.support.Accounts.User;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady load of display-name changes from a test client: a fixed rate for a fixed time, spread over a set of users,
 * one request in flight per user (so each user's changes are sequential, as a real client's would be). Records, per
 * user, how many changes got a 2xx: the changes the server promised to keep.
 */
public final class ChangeLoad {

    private final List<User> users;
    private final Map<String, Long> knownVersion = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
    private final Map<String, Boolean> busy = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();

    private final java.util.function.Function<User, String> serverOf;
    private ScheduledExecutorService ticker;
    private ExecutorService clients;

    public ChangeLoad(List<User> users) {
        this(users, user -> Api.baseUrl());
    }

    /** A load whose changes for each user go to the server {@code serverOf} names (a base URL). */
    public ChangeLoad(List<User> users, java.util.function.Function<User, String> serverOf) {
        this.serverOf = serverOf;
        this.users = List.copyOf(users);
        users.forEach(u -> {
            knownVersion.put(u.id(), 1L);
            acknowledged.put(u.id(), new AtomicInteger());
            busy.put(u.id(), false);
        });
    }

    /** Runs {@code perSecond} changes a second for {@code duration}, then waits for the requests in flight. */
    public void run(int perSecond, Duration duration) {
        start(perSecond);
        try {
            ticker.awaitTermination(duration.toMillis(), TimeUnit.MILLISECONDS);  // the load's length, by design
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        stop();
    }

    /**
     * Starts {@code perSecond} changes a second in the background, until {@link #stop()}: for a test that drives its
     * fault by what the load has reached (polls) rather than by the clock.
     */
    public synchronized void start(int perSecond) {
        if (ticker != null) {
            throw new IllegalStateException("the load is already running");
        }
        ticker = Executors.newSingleThreadScheduledExecutor();
        clients = Executors.newFixedThreadPool(16);
        AtomicInteger next = new AtomicInteger();
        long periodMicros = 1_000_000L / perSecond;
        ticker.scheduleAtFixedRate(() -> {
            for (int i = 0; i < users.size(); i++) {  // the next idle user, round robin
                User user = users.get(Math.floorMod(next.getAndIncrement(), users.size()));
                if (busy.replace(user.id(), false, true)) {
                    clients.submit(() -> change(user));
                    return;
                }
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** Stops sending and waits for the requests in flight. */
    public synchronized void stop() {
        if (ticker == null) {
            return;
        }
        ticker.shutdownNow();
        clients.shutdown();
        try {
            if (!clients.awaitTermination(120, TimeUnit.SECONDS)) {
                throw new AssertionError("requests still in flight two minutes after the load ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            ticker = null;
            clients = null;
        }
    }

    /** Polls until {@code more} changes beyond those acknowledged now have been acknowledged. */
    public void awaitMoreAcknowledged(String what, long more, Duration timeout) {
        long target = totalAcknowledged() + more;
        Poll.until(what + " (" + more + " more changes acknowledged)", timeout,
                () -> totalAcknowledged() >= target);
    }

    private void change(User user) {
        try {
            long version = knownVersion.get(user.id());
            sent.incrementAndGet();
            HttpResponse<String> r = Accounts.rename(serverOf.apply(user), user,
                    "Load " + user.id().substring(0, 8) + " v" + (version + 1), version);
            statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
            if (r.statusCode() == 200) {
                knownVersion.put(user.id(), Json.parse(r.body()).getJsonNumber("version").longValue());
                acknowledged.get(user.id()).incrementAndGet();
            } else {
                failures.incrementAndGet();
                resync(user);
            }
        } catch (RuntimeException e) {  // connection refused while the server is down
            failures.incrementAndGet();
            resync(user);
        } finally {
            busy.put(user.id(), false);
        }
    }

    /** After an unknown outcome the change may or may not have committed: ask the user's server. */
    private void resync(User user) {
        try {
            HttpResponse<String> me = Api.sendTo(serverOf.apply(user), "GET", "/auth/api/users/me", user.token(),
                    null, null, Map.of());
            if (me.statusCode() == 200) {
                knownVersion.put(user.id(), Json.parse(me.body()).getJsonNumber("version").longValue());
            }
        } catch (RuntimeException ignored) {
            // still down: the next attempt resyncs again
        }
    }

    public List<User> users() {
        return users;
    }

    /** Changes that got a 2xx, per user id. */
    public int acknowledged(String userId) {
        return acknowledged.get(userId).get();
    }

    public long totalAcknowledged() {
        return acknowledged.values().stream().mapToLong(AtomicInteger::get).sum();
    }

    /** How many answers had each HTTP status (requests that got no answer are not here). */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        statuses.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public long failures() {
        return failures.get();
    }

    public long sent() {
        return sent.get();
    }
}
