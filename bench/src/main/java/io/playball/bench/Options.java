package io.playball.bench;

import java.util.HashMap;
import java.util.Map;

/** Command-line options: {@code <scenario> [--name value ...] [--quick]}. */
record Options(String scenario, String baseUrl, int rate, int seconds, int users, String database,
               String adminUser, String adminPassword, boolean quick) {

    static Options parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("--")) {
            throw new IllegalArgumentException("usage: steady [--rate 500] [--seconds 60] [--users 200] [--quick]"
                    + " [--base http://localhost:9080] [--database derby|postgresql]"
                    + " [--admin bench-admin@playball.test]");
        }
        Map<String, String> named = new HashMap<>();
        boolean quick = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                named.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        return new Options(args[0],
                named.getOrDefault("base", "http://localhost:9080"),
                Integer.parseInt(named.getOrDefault("rate", "500")),
                Integer.parseInt(named.getOrDefault("seconds", quick ? "15" : "60")),
                Integer.parseInt(named.getOrDefault("users", quick ? "100" : "200")),
                named.getOrDefault("database", "derby"),
                named.getOrDefault("admin", "bench-admin@playball.test"),
                System.getenv().getOrDefault("BENCH_ADMIN_PASSWORD", "bench-admin-dev-only"),
                quick);
    }
}
