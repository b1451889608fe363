package io.playball.bench;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * floor: what this machine gives each layer that a rename passes through, one layer after another in one sitting and
 * at the same concurrency, so that a target the rename misses can be set against what the layers under it reach:
 * <ol>
 *   <li>http: {@code GET /auth/api/jwks}, the HTTP channel and JAX-RS with nothing behind them;</li>
 *   <li>read: {@code GET /auth/api/users/me}, with the token verified, the caller's subject set up and one read;</li>
 *   <li>database: the rename's statements sent by the bench straight to PostgreSQL, on copies of auth's tables;</li>
 *   <li>write, relay held: the rename through REST, its outbox row written and nothing sent;</li>
 *   <li>write: the rename with the relay and the consumer running, as {@code rest} measures it.</li>
 * </ol>
 */
final class FloorScenario {

    private static final String ACCOUNTS = "bench_floor_account";
    private static final String OUTBOX = "bench_floor_outbox";
    private static final int ACCOUNTS_PER_WORKER = 4;

    private final Options options;
    private final BenchSetup setup;
    private final ClosedLoop loop;
    private final ProcessCpu cpu = new ProcessCpu();
    private final JsonArrayBuilder layers = Json.createArrayBuilder();

    FloorScenario(Options options) {
        this.options = options;
        this.setup = new BenchSetup(options, options.inFlight());
        this.loop = new ClosedLoop(options.inFlight());
    }

    Report run() throws Exception {
        setup.awaitReady();
        int workers = options.inFlight();
        List<BenchUser> users = setup.register("floor", Math.max(options.users(), workers));
        System.out.printf("floor: each layer %d s (after %d s unrecorded), %d in flight, against %s%n",
                options.seconds(), options.warmupSeconds(), workers, options.baseUrl());
        Report report = new Report("floor", options, setup.run);
        report.setting("seconds", options.seconds()).setting("warmupSeconds", options.warmupSeconds())
                .setting("inFlight", workers).setting("users", users.size());

        HttpRequest jwks = HttpRequest.newBuilder(URI.create(options.baseUrl() + "/auth/api/jwks"))
                .timeout(Duration.ofSeconds(30)).GET().build();
        measure(report, "http", "GET /auth/api/jwks: HTTP and JAX-RS, no token, no database",
                w -> expect(setup.client.raw(jwks), 200));
        measure(report, "read", "GET /auth/api/users/me: the token verified, the subject set up, one read by key",
                w -> expect(setup.client.meRaw(own(users, w, 0).token), 200));
        if (options.database().equals("postgresql")) {
            measureDatabase(report, workers);
        } else {
            report.note("database: PostgreSQL only (--database postgresql); the bench does not reach into Derby.");
        }
        long[] turn = new long[workers];
        ClosedLoop.Request rename = w -> rename(own(users, w, turn[w]++));
        setup.client.holdRelay(setup.admin());
        try {
            measure(report, "writeRelayHeld", "PUT /auth/api/users/me with auth's relay held: the account updated"
                    + " and the outbox row written in one transaction, nothing sent", rename);
        } finally {
            setup.client.releaseRelay(setup.admin());
        }
        awaitOutboxEmpty();
        measure(report, "write", "PUT /auth/api/users/me with the relay and the consumer running (as rest)", rename);

        report.detail("layers", layers.build());
        report.note("Each layer is a closed loop: inFlight workers, each sending its next request when the last is"
                + " answered. perSecond is what the layer carries at that concurrency on this machine, with everything"
                + " else idle; the layers below a target are its floor.");
        report.note("cpuPer1k: CPU seconds per 1,000 requests of each process (from /proc), over the measured"
                + " seconds only. In the write layers the server's share includes the relay and the consumer, which"
                + " run behind the requests.");
        return report;
    }

    /** The user a worker sends its n-th request as: each worker has users of its own, so versions stay known. */
    private BenchUser own(List<BenchUser> users, int worker, long n) {
        int workers = options.inFlight();
        int perWorker = users.size() / workers;
        return users.get((int) (worker + (n % perWorker) * workers));
    }

    private String rename(BenchUser user) {
        HttpResponse<String> r = setup.client.renameNow(user.token, "Floor " + System.nanoTime(), user.version);
        switch (r.statusCode()) {
            case 200 -> {
                user.version = PlayBallClient.json(r.body()).getJsonNumber("version").longValue();
                return null;
            }
            case 409 -> user.version = setup.client.me(user.token).getJsonNumber("version").longValue();
            case 401 -> setup.relogin(user);
            default -> {
                return PlayBallClient.describe(r);
            }
        }
        return "HTTP " + r.statusCode() + " (version read again or logged in again)";
    }

    private static String expect(HttpResponse<String> r, int status) {
        return r.statusCode() == status ? null : PlayBallClient.describe(r);
    }

    private void measure(Report report, String layer, String what, ClosedLoop.Request request) throws Exception {
        System.out.printf("  %s: %s%n", layer, what);
        if (options.warmupSeconds() > 0) {
            loop.run(Duration.ofSeconds(options.warmupSeconds()), request);
        }
        ProcessCpu.Snapshot before = cpu.snapshot();
        ClosedLoop.Result result = loop.run(Duration.ofSeconds(options.seconds()), request);
        Map<String, Double> seconds = cpu.snapshot().secondsSince(before);
        System.out.printf("  %s: %.0f/s, p50 %.2f ms, p99 %.2f ms, %d failed%n", layer, result.perSecond(),
                Report.ms(result.latency().getValueAtPercentile(50)),
                Report.ms(result.latency().getValueAtPercentile(99)), result.failed());
        report.figure(layer + "PerSecond", Math.round(result.perSecond()));
        report.latency(layer + "LatencyMs", result.latency());
        report.cpuPerThousand(layer + "CpuSecondsPer1k", seconds, result.ok());
        var row = Json.createObjectBuilder().add("layer", layer).add("what", what)
                .add("perSecond", Math.round(result.perSecond()))
                .add("p50Ms", Report.ms(result.latency().getValueAtPercentile(50)))
                .add("p99Ms", Report.ms(result.latency().getValueAtPercentile(99)))
                .add("failed", result.failed());
        for (String role : List.of("server", "postgres", "broker", "bench")) {
            double perThousand = result.ok() == 0 ? 0 : seconds.getOrDefault(role, 0.0) * 1000.0 / result.ok();
            row.add("cpuPer1k" + Character.toUpperCase(role.charAt(0)) + role.substring(1),
                    Math.round(perThousand * 1000) / 1000.0);
        }
        layers.add(row);
        if (!result.failures().isEmpty()) {
            report.samples(layer + "Failures", result.failures());
        }
    }

    /**
     * The rename's statements as auth sends them (the version-checked UPDATE, the outbox INSERT claimed by its
     * relay, the commit), each worker on a connection of its own, on empty copies of auth's two tables with their
     * indexes, dropped afterwards.
     */
    private void measureDatabase(Report report, int workers) throws Exception {
        String schema = options.outboxTable().contains(".") ? options.outboxTable().split("\\.")[0] + "." : "";
        String accounts = schema + ACCOUNTS;
        String outbox = schema + OUTBOX;
        List<Connection> connections = new ArrayList<>();
        try (Connection admin = DriverManager.getConnection(options.jdbcUrl(), options.pgUser(),
                options.pgPassword()); Statement s = admin.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + accounts + ", " + outbox);
            s.execute("CREATE TABLE " + accounts + " (LIKE " + schema + "account INCLUDING ALL)");
            s.execute("CREATE TABLE " + outbox + " (LIKE " + options.outboxTable() + " INCLUDING ALL)");
            try {
                String[][] ids = new String[workers][ACCOUNTS_PER_WORKER];
                long[][] versions = new long[workers][ACCOUNTS_PER_WORKER];
                try (PreparedStatement insert = admin.prepareStatement("INSERT INTO " + accounts
                        + " (id, username, display_name, password_hash, version, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'not a hash', 0, now(), now())")) {
                    for (int w = 0; w < workers; w++) {
                        for (int a = 0; a < ACCOUNTS_PER_WORKER; a++) {
                            ids[w][a] = UUID.randomUUID().toString();
                            insert.setString(1, ids[w][a]);
                            insert.setString(2, ids[w][a] + "@playball.test");
                            insert.setString(3, "Floor");
                            insert.addBatch();
                        }
                    }
                    insert.executeBatch();
                }
                List<PreparedStatement[]> statements = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    Connection c = DriverManager.getConnection(options.jdbcUrl(), options.pgUser(),
                            options.pgPassword());
                    c.setAutoCommit(false);
                    connections.add(c);
                    statements.add(new PreparedStatement[] {
                        c.prepareStatement("UPDATE " + accounts + " SET display_name = ?, updated_at = ?,"
                                + " version = version + 1 WHERE id = ? AND version = ? AND display_name <> ?"),
                        c.prepareStatement("INSERT INTO " + outbox + " (event_id, aggregate_id, aggregate_version,"
                                + " event_type, payload, created_at, attempts, next_attempt_at, claimed_by,"
                                + " claimed_until) VALUES (?, ?, ?, 'UserUpdated', ?, ?, 0, ?, 'floor', ?)")});
                }
                long[] turn = new long[workers];
                measure(report, "database", "the rename's UPDATE and outbox INSERT, then the commit, from the bench"
                        + " over JDBC to PostgreSQL (a connection per worker, statements prepared once)", w -> {
                    int a = (int) (turn[w]++ % ACCOUNTS_PER_WORKER);
                    return renameInDatabase(connections.get(w), statements.get(w), ids[w][a], versions[w], a);
                });
            } finally {
                s.execute("DROP TABLE IF EXISTS " + accounts + ", " + outbox);
            }
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static String renameInDatabase(Connection c, PreparedStatement[] statements, String id, long[] versions,
                                           int account) throws SQLException {
        String name = "Floor " + System.nanoTime();
        Timestamp now = Timestamp.from(Instant.now());
        PreparedStatement update = statements[0];
        update.setString(1, name);
        update.setTimestamp(2, now);
        update.setString(3, id);
        update.setLong(4, versions[account]);
        update.setString(5, name);
        if (update.executeUpdate() != 1) {
            c.rollback();
            return "no row updated for " + id;
        }
        long version = ++versions[account];
        PreparedStatement insert = statements[1];
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, id);
        insert.setLong(3, version);
        insert.setString(4, "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"UserUpdated\",\"userId\":\"" + id
                + "\",\"version\":" + version + ",\"displayName\":\"" + name + "\",\"occurredAt\":\"" + now.toInstant()
                + "\",\"schemaVersion\":1}");
        insert.setTimestamp(5, now);
        insert.setTimestamp(6, now);
        insert.setTimestamp(7, Timestamp.from(now.toInstant().plusSeconds(30)));
        insert.executeUpdate();
        c.commit();
        return null;
    }

    /** After the held layer, its backlog drains before the next layer starts. */
    private void awaitOutboxEmpty() {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (setup.client.relayHold(setup.admin()).getJsonNumber("pending").longValue() > 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("auth's outbox still holds events five minutes after the release");
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
    }
}
