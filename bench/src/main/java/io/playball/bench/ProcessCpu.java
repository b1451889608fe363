package io.playball.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

/**
 * CPU time of the processes on this machine, by role, from /proc (user + system time of each process): the server
 * (Liberty's ws-server.jar), the Kafka broker, PostgreSQL (every postgres process: backends, WAL writer, WAL senders),
 * the bench itself and any other process the caller names by pid. A reading is the difference of two snapshots; a
 * process that started in between counts whole, one that ended in between is lost (none does in a run).
 */
final class ProcessCpu {

    /** USER_HZ: the unit of /proc/<pid>/stat's times. 100 on every Linux build the bench runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, LongPredicate> roles = new LinkedHashMap<>();

    ProcessCpu() {
        long self = ProcessHandle.current().pid();
        roles.put("server", pid -> commandLine(pid).contains("ws-server.jar"));
        roles.put("broker", pid -> commandLine(pid).contains("kafka.Kafka"));
        roles.put("postgres", pid -> name(pid).startsWith("postgres"));
        roles.put("bench", pid -> pid == self);
    }

    /** Adds a role for one process, e.g. the Debezium relay. */
    ProcessCpu role(String name, long pid) {
        roles.put(name, p -> p == pid);
        return this;
    }

    /** Ticks used so far by each process, by role. */
    Snapshot snapshot() {
        Map<String, Map<Long, Long>> byRole = new LinkedHashMap<>();
        roles.keySet().forEach(r -> byRole.put(r, new HashMap<>()));
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong).forEach(pid -> roles.forEach((role, matches) -> {
                        if (matches.test(pid)) {
                            long ticks = ticks(pid);
                            if (ticks >= 0) {
                                byRole.get(role).put(pid, ticks);
                            }
                        }
                    }));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: the CPU figures need Linux", e);
        }
        return new Snapshot(byRole);
    }

    record Snapshot(Map<String, Map<Long, Long>> byRole) {

        /** CPU seconds of each role from {@code earlier} to this snapshot, and "total". */
        Map<String, Double> secondsSince(Snapshot earlier) {
            Map<String, Double> seconds = new LinkedHashMap<>();
            double total = 0;
            for (Map.Entry<String, Map<Long, Long>> role : byRole.entrySet()) {
                Map<Long, Long> before = earlier.byRole.getOrDefault(role.getKey(), Map.of());
                long ticks = 0;
                for (Map.Entry<Long, Long> process : role.getValue().entrySet()) {
                    ticks += process.getValue() - before.getOrDefault(process.getKey(), 0L);
                }
                seconds.put(role.getKey(), ticks / TICKS_PER_SECOND);
                total += ticks / TICKS_PER_SECOND;
            }
            seconds.put("total", total);
            return seconds;
        }
    }

    /** The pid of the Liberty server of this name on this machine (its launcher's last argument is the name). */
    static long libertyServerPid(String serverName) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .filter(pid -> {
                        String[] args = commandLine(pid).split("\0");
                        return commandLine(pid).contains("ws-server.jar") && args[args.length - 1].equals(serverName);
                    })
                    .findFirst().orElseThrow(() -> new IllegalStateException("no Liberty server " + serverName
                            + " runs on this machine"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc: the profile needs Linux", e);
        }
    }

    /** utime + stime, fields 14 and 15 of /proc/<pid>/stat (counted after the parenthesised name); -1 if gone. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    private static String name(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).trim();
        } catch (IOException gone) {
            return "";
        }
    }

    private static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8);
        } catch (IOException gone) {
            return "";
        }
    }
}
