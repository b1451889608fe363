package io.playball.it.support;

import io.playball.it.support.Accounts.User;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group activity beside a change load, so that faults also meet the group rules: a user makes a group and adds two
 * members (one an admin), then the admin leaves, a member is removed, the group is deleted, or a member deletes their
 * account (groups then applies the departure) and a new user takes their place. A few clients at once, each on its
 * own seeded random, so that cycles interleave. Whatever a fault does to a request is counted, not failed on: the
 * rules are checked in the database afterwards.
 */
public final class GroupChurn {

    private static final int CLIENTS = 3;
    private static final long PERIOD_MS = 300;

    private final String base;
    private final List<User> pool;
    private final Random seeds;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong unanswered = new AtomicLong();
    private final AtomicLong accountsDeleted = new AtomicLong();
    private ScheduledExecutorService clients;

    public GroupChurn(String base, List<User> users, long seed) {
        this.base = base;
        this.pool = new CopyOnWriteArrayList<>(users);
        this.seeds = new Random(seed);
    }

    public synchronized GroupChurn start() {
        clients = Executors.newScheduledThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(seeds.nextLong());
            clients.scheduleWithFixedDelay(() -> cycle(random), c * PERIOD_MS / CLIENTS, PERIOD_MS,
                    TimeUnit.MILLISECONDS);
        }
        return this;
    }

    public synchronized void stop() {
        clients.shutdown();
        try {
            if (!clients.awaitTermination(120, TimeUnit.SECONDS)) {
                throw new AssertionError("group requests still in flight two minutes after the churn ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** How many answers had each HTTP status. */
    public Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new TreeMap<>();
        statuses.forEach((status, n) -> copy.put(status, n.get()));
        return copy;
    }

    public long unanswered() {
        return unanswered.get();
    }

    public long accountsDeleted() {
        return accountsDeleted.get();
    }

    private void cycle(Random random) {
        try {
            User admin = pick(random);
            HttpResponse<String> created = send("POST", "/groups/api/groups", admin,
                    Json.object(Map.of("name", "Churn " + random.nextInt(1_000_000))));
            if (created.statusCode() != 201) {
                return;
            }
            String group = "/groups/api/groups/" + Json.parse(created.body()).getString("id");
            User deputy = pick(random);
            User member = pick(random);
            send("POST", group + "/members", admin, Json.object(Map.of("userId", deputy.id(), "role", "ADMIN")));
            send("POST", group + "/members", admin, Json.object(Map.of("userId", member.id(),
                    "role", "PARTICIPANT")));
            switch (random.nextInt(4)) {
                case 0 -> send("DELETE", group + "/members/" + admin.id(), admin, null);
                case 1 -> send("DELETE", group + "/members/" + member.id(), deputy, null);
                case 2 -> send("DELETE", group, admin, null);
                default -> replace(random.nextBoolean() ? deputy : member);
            }
        } catch (RuntimeException e) {
            unanswered.incrementAndGet();  // the server away (killed, restarting): the next cycle tries again
        }
    }

    /** The user deletes their account; a new user joins the pool in their place. */
    private void replace(User leaving) {
        if (pool.size() < 4 || !pool.remove(leaving)) {
            return;  // another client took this one already
        }
        HttpResponse<String> deleted = send("DELETE", "/auth/api/users/me", leaving, null);
        if (deleted.statusCode() == 204) {
            accountsDeleted.incrementAndGet();
        }
        pool.add(Accounts.registerAt(base, "churn", "Churn member"));
    }

    private User pick(Random random) {
        return pool.get(random.nextInt(pool.size()));
    }

    private HttpResponse<String> send(String method, String path, User caller, String body) {
        HttpResponse<String> response = Api.sendTo(base, method, path, caller.token(),
                body == null ? null : "application/json", body, Map.of());
        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
        return response;
    }
}
