package io.playball.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options: {@code <scenario> [target] [--name value ...] [--quick]}. Defaults depend on the scenario, and
 * {@code --quick} shortens a run; an option given by name always wins.
 */
final class Options {

    static final String USAGE = """
            usage: <scenario> [--name value ...] [--quick]
              e.g. mvn -q -pl bench compile exec:java -Dexec.args="steady --quick"

              steady   display-name changes at a fixed rate for a fixed time
                         --rate 500            changes per second, spread over the users
                         --seconds 60          how long (quick: 15)
                         --users 200           users taking turns, one change in flight each (quick: 100)
                         --samplers 5          users timing rename-to-visible-in-groups about once a second; 0: none
                         --group-rate 0        group changes per second beside them (a member joins, the group
                                               is renamed, the member leaves, in turn), so that groups' outbox
                                               publishes group-events too; lag and rate reported per topic
                         --groups 50           groups taking turns, one change in flight each
                         --warmup 0            seconds of the same load first, not recorded (a just-started
                                               server is still compiling: 30 is enough here)
                         --servers 1           2: start a second server (playball2, ports 9081/9444) from the
                                               -Prun server's directory, on the same database and broker, and
                                               send every other user's changes to it; stopped after the run
                         --wlp ear/target/liberty/wlp
                                               the -Prun server's Liberty directory (for --servers 2)
                         --held-keys 0         keys held for the whole run, each behind a row in auth's outbox
                                               that the producer refuses (too large), written with SQL before
                                               the warm-up and deleted after (--pg-*, --outbox-table as for
                                               peer-debezium): the other keys' lag with some held
              ramp     steady steps at a rising rate, until a step's lag p99, errors or achieved rate give out
                         --start 100           first step's rate
                         --step 100            added per step
                         --step-seconds 10     each step's length (quick: 5)
                         --max 3000            last step's rate at most (quick: 1000)
                         --limit-ms 100        a step holds while its commit-to-applied lag p99 is at most this
                         --users 300           enough for 3000/s at ~100 ms per change
                         --samplers 5          as for steady
                         --warmup 0            seconds at the first step's rate first, not recorded
              drain    hold auth's outbox relay, queue changes as fast as they commit, release, time the drain
                         --changes 100000      changes queued behind the hold (quick: 5000)
                         --users 500           users making them, one change in flight each (quick: 200)
                         --in-flight 32        requests in flight at once
              rest     display-name changes as fast as auth answers them, relay and consumer running
                         --changes 100000      how many (quick: 10000)
                         --users 500           users making them (quick: 200)
                         --in-flight 32        requests in flight at once
              floor    each layer under a rename alone, one after another at the same concurrency: HTTP and
                       JAX-RS (GET jwks), a token-checked read (GET me), the rename's SQL from the bench straight
                       to PostgreSQL (--database postgresql; copies of auth's tables), the rename with the relay
                       held, the rename with relay and consumer running; rate, latency and CPU per request each
                         --seconds 20          each layer (quick: 10)
                         --warmup 5            seconds of each layer first, not recorded (quick: 3)
                         --in-flight 32        requests in flight at once
                         --users 200           users the REST layers take turns over (quick: 100)
                         --pg-host, --pg-port, --pg-database, --pg-user, --outbox-table   as for peer-debezium
              login-flood
                       attackers guess passwords while one reader lists its groups; the reader's latency
                       alone, then during the flood, and what the flood got (429, 503, 401) how fast
                         --seconds 60          each phase (quick: 15)
                         --attackers 16        threads guessing, one request in flight each
                         --attack account      account: one account, from this one address;
                                               spray: a new username and X-Forwarded-For each time (the server
                                               must trust this host's address: TRUSTED_PROXIES)
              logins   a burst of sign-ups sent at once, then right-password logins from 4, 8 and 16 clients in
                       turn, each as fast as answered: the burst's answers, logins per second, latency
                         --burst 20            sign-ups sent together (from one address: a server with
                                               PLAYBALL_REGISTRATIONS_PER_ADDRESS above it)
                         --seconds 20          each number of clients (quick: 10)
                         --warmup 15           seconds of logins at 8 clients first, not recorded
              peer-debezium
                       PlayBall's relay and Debezium (embedded engine, PostgreSQL connector, outbox event
                       router, in a JVM of its own) publish the same outbox to the same topic in turns, under
                       the same steady load and drain; lag, drain rate and CPU seconds per 1,000 events of
                       each process. PostgreSQL only, wal_level = logical (the bench says how)
                         --rate, --seconds, --users, --warmup   as for steady (the warm-up once, at the start)
                         --changes 30000       each drain's backlog (quick: 5000)
                         --in-flight 32        requests in flight while the backlog is committed
                         --rounds 1            turns of both publishers; the order alternates
                         --debezium-warmup 30  seconds of load with Debezium publishing before its turn counts
                         --debezium-poll-ms 10 Debezium's poll.interval.ms (its default, 500, waits that long
                                               for a batch to fill)
                         --pg-host 127.0.0.1 --pg-port 5432 --pg-database test --pg-user postgres
                                               where Debezium connects (password from BENCH_PG_PASSWORD);
                                               the user needs the REPLICATION attribute
                         --outbox-table public.outbox_event
                         --kafka 127.0.0.1:9092 --topic user-events
              chaos    not run from here: it kills, freezes and restarts the processes it starts, so it runs
                       with the integration tests (ChaosIT, PostgreSQL); bench/README.md has the command.
                       charts <result.json> draws its chart and summary
              charts <result.json>
                       re-draw the charts and the Markdown summary of a result file; needs no server
              otlp-sink [port]
                       an OTLP/HTTP receiver that answers 200 and keeps nothing (port 4318), for a server
                       measured with tracing on (OTEL_SDK_DISABLED=false, OTEL_EXPORTER_OTLP_ENDPOINT)

              all      --base http://localhost:9080
                         --database derby      the server's database as you started it (recorded, not detected)
                         --admin bench-admin@playball.test
                                               the bench's operator: registered if missing (password from
                                               BENCH_ADMIN_PASSWORD), made an operator by the server's
                                               administrator, logged in
                         --admin-base https://localhost:9443
                                               where Liberty's REST connector answers (HTTPS)
                         --server-admin admin  Liberty's administrator (password from BENCH_SERVER_ADMIN_PASSWORD,
                                               default the developer server's dev-only-admin-password)
                         --profile none        rest, steady, drain: cpu (or wall, alloc) attaches async-profiler to
                                               the server (pid of its ws-server.jar, by jcmd) for the measured
                                               phase (drain: from the release); the result gets the share of
                                               each part of the stack and a flame graph (-flame-graph.svg)
                         --quick               the shorter defaults above
              Access tokens last 15 minutes: a steady run longer than about 14 minutes sees 401s.""";

    private static final Set<String> NAMES = Set.of("base", "database", "admin", "admin-base", "server-admin",
            "rate", "seconds", "users",
            "samplers", "group-rate", "groups",
            "changes", "in-flight", "start", "step", "step-seconds", "max", "limit-ms",
            "warmup", "attackers", "attack", "rounds", "debezium-warmup", "debezium-poll-ms", "pg-host", "pg-port",
            "pg-database", "pg-user", "outbox-table", "kafka", "topic", "servers", "wlp", "profile", "held-keys", "burst");

    private final String scenario;
    private final String target;
    private final Map<String, String> named;
    private final boolean quick;

    private Options(String scenario, String target, Map<String, String> named, boolean quick) {
        this.scenario = scenario;
        this.target = target;
        this.named = named;
        this.quick = quick;
    }

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException(USAGE);
        }
        Map<String, String> named = new HashMap<>();
        String target = null;
        boolean quick = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                String name = args[i].substring(2);
                if (!NAMES.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
                }
                named.put(name, args[++i]);
            } else if (target == null && !args[i].startsWith("--")) {
                target = args[i];
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i] + "\n" + USAGE);
            }
        }
        return new Options(args[0], target, named, quick);
    }

    String scenario() {
        return scenario;
    }

    /** The positional argument, e.g. the result file of {@code charts}; null when none was given. */
    String target() {
        return target;
    }

    boolean quick() {
        return quick;
    }

    String baseUrl() {
        return named.getOrDefault("base", "http://localhost:9080");
    }

    String database() {
        return named.getOrDefault("database", "derby");
    }

    String adminUser() {
        return named.getOrDefault("admin", "bench-admin@playball.test");
    }

    String adminPassword() {
        return System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "bench-admin-dev-only");
    }

    String adminBase() {
        return named.getOrDefault("admin-base", "https://localhost:9443");
    }

    String serverAdmin() {
        return named.getOrDefault("server-admin", "admin");
    }

    String serverAdminPassword() {
        return System.getenv().getOrDefault("BENCH_SERVER_ADMIN_PASSWORD", "dev-only-admin-password");
    }

    int rate() {
        return number("rate", 500, 500);
    }

    int seconds() {
        return scenario.equals("floor") || scenario.equals("logins") ? number("seconds", 20, 10)
                : number("seconds", 60, 15);
    }

    int users() {
        return switch (scenario) {
            case "ramp" -> number("users", 300, 300);
            case "drain", "rest" -> number("users", 500, 200);
            default -> number("users", 200, 100);
        };
    }

    int warmupSeconds() {
        return switch (scenario) {
            case "floor" -> number("warmup", 5, 3);
            case "logins" -> number("warmup", 15, 5);
            default -> number("warmup", 0, 0);
        };
    }

    int samplers() {
        return number("samplers", 5, 5);
    }

    int changes() {
        return switch (scenario) {
            case "rest" -> number("changes", 100_000, 10_000);
            case "peer-debezium" -> number("changes", 30_000, 5_000);
            default -> number("changes", 100_000, 5_000);
        };
    }

    int servers() {
        int servers = number("servers", 1, 1);
        if (servers > 2) {
            throw new IllegalArgumentException("--servers takes 1 or 2, not " + servers);
        }
        return servers;
    }

    String wlp() {
        return named.getOrDefault("wlp", "ear/target/liberty/wlp");
    }

    int rounds() {
        return number("rounds", 1, 1);
    }

    int debeziumWarmupSeconds() {
        return number("debezium-warmup", 30, 10);
    }

    int debeziumPollMs() {
        return number("debezium-poll-ms", 10, 10);
    }

    String pgHost() {
        return named.getOrDefault("pg-host", "127.0.0.1");
    }

    int pgPort() {
        return number("pg-port", 5432, 5432);
    }

    String pgDatabase() {
        return named.getOrDefault("pg-database", "test");
    }

    String pgUser() {
        return named.getOrDefault("pg-user", "postgres");
    }

    String pgPassword() {
        return System.getenv().getOrDefault("BENCH_PG_PASSWORD", "");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + pgHost() + ":" + pgPort() + "/" + pgDatabase();
    }

    String outboxTable() {
        String table = named.getOrDefault("outbox-table", "public.outbox_event");
        if (!table.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
            throw new IllegalArgumentException("--outbox-table takes [schema.]table, not " + table);
        }
        return table;
    }

    String kafkaBootstrap() {
        return named.getOrDefault("kafka", "127.0.0.1:9092");
    }

    String topic() {
        return named.getOrDefault("topic", "user-events");
    }

    /** async-profiler's event for the server's profile, or null for none. */
    String profile() {
        String event = named.getOrDefault("profile", "none");
        if (!Set.of("none", "cpu", "wall", "alloc").contains(event)) {
            throw new IllegalArgumentException("--profile takes none, cpu, wall or alloc, not " + event);
        }
        return event.equals("none") ? null : event;
    }

    int inFlight() {
        return number("in-flight", 32, 32);
    }

    /** Sign-ups sent at once. */
    int burst() {
        return number("burst", 20, 20);
    }

    int attackers() {
        return number("attackers", 16, 16);
    }

    /** account or spray. */
    String attack() {
        String attack = named.getOrDefault("attack", "account");
        if (!attack.equals("account") && !attack.equals("spray")) {
            throw new IllegalArgumentException("--attack must be account or spray, not " + attack);
        }
        return attack;
    }

    int start() {
        return number("start", 100, 100);
    }

    int step() {
        return number("step", 100, 100);
    }

    int stepSeconds() {
        return number("step-seconds", 10, 5);
    }

    int max() {
        return number("max", 3000, 1000);
    }

    /** Group changes per second beside a steady load; 0: none. */
    int groupRate() {
        return number("group-rate", 0, 0);
    }

    int groups() {
        return number("groups", 50, 50);
    }

    /** Keys the relay cannot send during a steady run; 0: none. */
    int heldKeys() {
        return number("held-keys", 0, 0);
    }

    int limitMs() {
        return number("limit-ms", 100, 100);
    }

    private int number(String name, int normal, int whenQuick) {
        String given = named.get(name);
        if (given == null) {
            return quick ? whenQuick : normal;
        }
        int least = Set.of("samplers", "group-rate", "warmup", "held-keys").contains(name) ? 0 : 1;
        try {
            int value = Integer.parseInt(given);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("--" + name + " needs a whole number of at least " + least + ", not "
                + given);
    }
}
