package io.playball.bench;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * What every scenario needs before it measures: a ready server, the administrator's token (kept fresh: tokens last 15
 * minutes and a drain or ramp can run longer) and this run's users, registered fresh under a run id.
 */
final class BenchSetup {

    /** Well inside the server's 15-minute token lifetime. */
    private static final Duration TOKEN_AGE = Duration.ofMinutes(10);
    /** Well inside an operator token's five minutes. */
    private static final Duration OPERATOR_TOKEN_AGE = Duration.ofMinutes(2);
    /** Registration and login hash the password (Argon2id): a few threads keep the server's cores busy. */
    private static final int LOGIN_THREADS = 4;

    final Options options;
    final PlayBallClient client;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    /** The first server's client, then any other's that the run spreads its users over. */
    private final List<PlayBallClient> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final String password = "bench-password-" + run;
    private PlayBallClient.Token admin;
    private Instant adminSince;

    BenchSetup(Options options, int httpThreads) {
        this.options = options;
        this.client = new PlayBallClient(options.baseUrl(), httpThreads);
        this.servers.add(client);
    }

    List<PlayBallClient> servers() {
        return servers;
    }

    /** Another server sharing the first one's database, broker and signing keys; waits until it is ready. */
    PlayBallClient addServer(String baseUrl, int httpThreads) {
        PlayBallClient other = new PlayBallClient(baseUrl, httpThreads);
        Instant deadline = Instant.now().plusSeconds(180);
        while (!other.ready()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(baseUrl + "/health/ready is not UP after three minutes");
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        servers.add(other);
        return other;
    }

    void awaitReady() {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!client.ready()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(options.baseUrl() + "/health/ready is not UP: start the server first");
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
    }

    /**
     * The operator's token: on first use the account is registered if missing and made an operator by the server's
     * administrator; logged in again well before its token expires (an operator's lives five minutes).
     */
    synchronized PlayBallClient.Token admin() {
        if (admin == null) {
            int status = client.register(options.adminUser(), "Bench administrator", options.adminPassword());
            if (status != 201 && status != 409) {
                throw new IllegalStateException("could not register " + options.adminUser() + ": HTTP " + status);
            }
            String id = client.me(client.login(options.adminUser(), options.adminPassword())).getString("id");
            client.grantOperator(options.adminBase(), options.serverAdmin(), options.serverAdminPassword(), id);
        }
        if (admin == null || Duration.between(adminSince, Instant.now()).compareTo(OPERATOR_TOKEN_AGE) > 0) {
            admin = client.login(options.adminUser(), options.adminPassword());
            adminSince = Instant.now();
        }
        return admin;
    }

    /** The password of this run's users. */
    String password() {
        return password;
    }

    /** Registers {@code count} users named {@code <kind>-<run>-<n>@playball.test} and logs them in. */
    List<BenchUser> register(String kind, int count) throws Exception {
        List<Callable<BenchUser>> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String username = kind + "-" + run + "-" + i + "@playball.test";
            String displayName = "Bench " + kind + " " + i;
            tasks.add(() -> {
                int status = client.register(username, displayName, password);
                if (status != 201) {
                    throw new IllegalStateException("register " + username + ": HTTP " + status);
                }
                PlayBallClient.Token token = client.login(username, password);
                JsonObject me = client.me(token);
                return new BenchUser(username, me.getString("id"), token, me.getJsonNumber("version").longValue());
            });
        }
        return inParallel(tasks);
    }

    /** Logs in again the users whose token is older than ten minutes; between a ramp's steps, not during them. */
    void refreshTokens(List<BenchUser> users) throws Exception {
        List<Callable<BenchUser>> tasks = new ArrayList<>();
        for (BenchUser u : users) {
            if (Duration.between(u.loggedInAt, Instant.now()).compareTo(TOKEN_AGE) > 0) {
                tasks.add(() -> relogin(u));
            }
        }
        if (!tasks.isEmpty()) {
            System.out.printf("  logging %d users in again (tokens expire after 15 minutes)%n", tasks.size());
            inParallel(tasks);
        }
    }

    BenchUser relogin(BenchUser u) {
        u.token = client.login(u.username, password);
        u.loggedInAt = Instant.now();
        return u;
    }

    /**
     * Gives each sampler a group of its own, where its display name shows as groups knows it. Groups answers 409 with
     * Retry-After until the registration event has reached it.
     */
    void createOwnGroups(List<BenchUser> samplers) {
        for (BenchUser s : samplers) {
            Instant deadline = Instant.now().plusSeconds(60);
            while (s.groupId == null) {
                HttpResponse<String> r = client.createGroup(s.token, "Visibility " + run);
                if (r.statusCode() == 201) {
                    s.groupId = PlayBallClient.json(r.body()).getString("id");
                } else if (r.statusCode() == 409 && Instant.now().isBefore(deadline)) {
                    LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
                } else {
                    throw new IllegalStateException("create a group for " + s.username + ": HTTP " + r.statusCode()
                            + " " + r.body());
                }
            }
        }
    }

    private static <T> List<T> inParallel(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LOGIN_THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> done = new ArrayList<>();
            for (Future<T> f : futures) {
                done.add(f.get());
            }
            return done;
        } finally {
            pool.shutdownNow();
        }
    }
}
