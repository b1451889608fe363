package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Accounts.User;
import io.playball.it.support.Api;
import io.playball.it.support.GroupInvariants;
import io.playball.it.support.Groups;
import io.playball.it.support.Json;
import io.playball.it.support.OnEachDatabase;
import io.playball.it.support.Ops;
import io.playball.it.support.Poll;
import io.playball.it.support.PostgresCluster;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Group rules under concurrency, on Derby and PostgreSQL: many clients at once add, remove, promote and demote
 * members, leave, delete groups, read them, and delete their accounts while groups applies those deletions. Whatever
 * the interleaving (a seed printed by the test replays its choices), no request fails with a 500, and afterwards every
 * group with members has an admin, no group is empty, and no membership belongs to a deleted user. Every read
 * shows one committed state: never a group without an admin, as a change half-applied would.
 */
@MicroShedTest
@OnEachDatabase
class GroupConcurrencyIT {

    private static final int USERS = 12;
    private static final int GROUPS = 6;
    private static final int CLIENTS = 8;
    private static final int OPERATIONS = 50;
    private static final Set<Integer> EXPECTED = Set.of(200, 201, 204, 403, 404, 409, 503);
    private static final int DEPARTURES = 15;
    private static final int READERS = 4;

    @BeforeAll
    static void ready() {
        Api.awaitReady();
        Ops.token();
    }

    @Test
    void tenRenamesWithOneVersionGiveOneSuccessAndNineConflicts() throws Exception {
        User admin = Accounts.register("renamer", "Renamer");
        String group = Groups.create(admin.token(), "Renamed ten times");
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<HttpResponse<String>>> renames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String body = Json.object(Map.of("name", "Rename " + i, "version", 1));
            renames.add(clients.submit(() -> Api.putJson("/groups/api/groups/" + group, admin.token(), body)));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (Future<HttpResponse<String>> r : renames) {
            statuses.merge(r.get(60, TimeUnit.SECONDS).statusCode(), 1, Integer::sum);
        }
        clients.shutdown();
        assertEquals(Map.of(200, 1, 409, 9), statuses, "one rename wins, the others are told at once");
    }

    @Test
    void readersNeverSeeADepartureInPart() throws Exception {
        List<String> torn = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        for (int round = 0; round < DEPARTURES; round++) {
            User leaver = Accounts.register("departing-admin", "Departing admin");
            User older = Accounts.register("departing-older", "Older");
            User younger = Accounts.register("departing-younger", "Younger");
            String group = Groups.create(leaver.token(), "Departure " + round);
            Groups.addMember(leaver.token(), group, older.id(), "PARTICIPANT");
            Groups.addMember(leaver.token(), group, younger.id(), "PARTICIPANT");

            assertEquals(204, Api.delete("/auth/api/users/me", leaver.token()).statusCode());
            List<Future<?>> reads = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                reads.add(readers.submit(() -> Poll.until("the departure applied", Duration.ofSeconds(30), () -> {
                    HttpResponse<String> read = Groups.get(older.token(), group);
                    torn.addAll(withoutAdmin(group, read));
                    return read.statusCode() == 200 && !read.body().contains(leaver.id());
                })));
            }
            for (Future<?> read : reads) {
                read.get(60, TimeUnit.SECONDS);
            }
        }
        readers.shutdown();
        assertTrue(torn.isEmpty(), torn.size() + " reads showed the departure in part, the first: "
                + torn.subList(0, Math.min(3, torn.size())));
    }

    @Test
    void randomInterleavingsKeepEveryGroupRule() throws Exception {
        long seed = System.nanoTime();
        System.out.println("GroupConcurrencyIT seed: " + seed);
        List<User> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(Accounts.register("concurrent-groups", "Member " + i));
        }
        List<String> groups = new CopyOnWriteArrayList<>();
        // who the clients believe is in which group, from the answers they got: only to pick likely actors
        Map<String, Map<String, String>> known = new ConcurrentHashMap<>();
        for (int g = 0; g < GROUPS; g++) {
            User admin = users.get(g % USERS);
            String id = Groups.create(admin.token(), "Contested " + g);
            groups.add(id);
            known.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(admin.id(), "ADMIN");
            for (int m = 1; m <= 3; m++) {
                User member = users.get((g + m) % USERS);
                String role = m == 1 ? "ADMIN" : "PARTICIPANT";
                Groups.addMember(admin.token(), id, member.id(), role);
                known.get(id).put(member.id(), role);
            }
        }

        Set<String> deleted = ConcurrentHashMap.newKeySet();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        List<String> tornReads = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> runs = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Random random = new Random(seed + c);
            runs.add(clients.submit(() -> {
                for (int i = 0; i < OPERATIONS; i++) {
                    String group = groups.get(random.nextInt(groups.size()));
                    Map<String, String> members = known.computeIfAbsent(group, k -> new ConcurrentHashMap<>());
                    User admin = pick(users, members, random, "ADMIN");
                    User actor = pick(users, members, random, null);
                    User other = users.get(random.nextInt(USERS));
                    String path = "/groups/api/groups/" + group;
                    int choice = random.nextInt(100);
                    String op;
                    HttpResponse<String> r;
                    if (choice < 32) {
                        op = choice < 22 ? "add" : "change-role";
                        User target = choice < 22 ? other : pick(users, members, random, null);
                        String role = random.nextBoolean() ? "ADMIN" : "PARTICIPANT";
                        r = Api.send("POST", path + "/members", admin.token(), "application/json",
                                Json.object(Map.of("userId", target.id(), "role", role)), Map.of());
                        if (r.statusCode() == 200 || r.statusCode() == 201) {
                            members.put(target.id(), role);
                        }
                    } else if (choice < 47) {
                        op = "remove";
                        User target = pick(users, members, random, null);
                        r = Api.delete(path + "/members/" + target.id(), admin.token());
                        if (r.statusCode() == 204) {
                            members.remove(target.id());
                        }
                    } else if (choice < 62) {
                        op = "leave";
                        r = Api.delete(path + "/members/" + actor.id(), actor.token());
                        if (r.statusCode() == 204) {
                            members.remove(actor.id());
                        }
                    } else if (choice < 68) {
                        op = "rename";
                        HttpResponse<String> read = Groups.get(admin.token(), group);
                        long version = read.statusCode() == 200
                                ? Json.parse(read.body()).getJsonNumber("version").longValue() : 1;
                        r = Api.putJson(path, admin.token(), Json.object(Map.of("name", "Renamed " + i,
                                "version", version)));
                    } else if (choice < 83) {
                        op = "read";
                        r = Groups.get(actor.token(), group);
                        tornReads.addAll(withoutAdmin(group, r));
                    } else if (choice < 90) {
                        op = "create";
                        r = Api.send("POST", "/groups/api/groups", actor.token(), "application/json",
                                Json.object(Map.of("name", "Made during the run")), Map.of());
                        if (r.statusCode() == 201) {
                            String id = Json.parse(r.body()).getString("id");
                            known.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(actor.id(), "ADMIN");
                            groups.add(id);
                        }
                    } else if (choice < 96) {
                        op = "delete-group";
                        r = Api.delete(path, admin.token());
                    } else if (deleted.size() < USERS / 3) {
                        op = "delete-account";
                        r = Api.delete("/auth/api/users/me", actor.token());
                        if (r.statusCode() == 204) {
                            deleted.add(actor.id());
                        }
                    } else {
                        op = "read";
                        r = Groups.get(actor.token(), group);
                        tornReads.addAll(withoutAdmin(group, r));
                    }
                    statuses.computeIfAbsent(op + " " + r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    if (!EXPECTED.contains(r.statusCode())) {
                        unexpected.add(op + " → " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> run : runs) {
            run.get(5, TimeUnit.MINUTES);
        }
        clients.shutdown();
        System.out.println("GroupConcurrencyIT answers: " + new TreeMap<>(statuses));
        assertTrue(unexpected.isEmpty(), "seed " + seed + ": " + unexpected);
        assertTrue(tornReads.isEmpty(), "seed " + seed + ": a read showed a change in part: " + tornReads);

        for (String userId : deleted) {
            Ops.awaitUserView("the deletion of " + userId + " applied", userId, v -> v.getBoolean("deleted"));
        }
        List<String> broken = new ArrayList<>();
        for (String group : groups) {
            HttpResponse<String> r = Ops.group(group);
            if (r.statusCode() == 404) {
                continue;
            }
            assertEquals(200, r.statusCode(), r.body());
            List<JsonObject> members = Json.parse(r.body()).getJsonArray("members").getValuesAs(JsonObject.class);
            if (members.isEmpty()) {
                broken.add(group + " is empty");
            } else if (members.stream().noneMatch(m -> m.getString("role").equals("ADMIN"))) {
                broken.add(group + " has members but no admin: " + members);
            }
            members.stream().filter(m -> deleted.contains(m.getString("userId")))
                    .forEach(m -> broken.add(group + " keeps deleted user " + m.getString("userId")));
        }
        broken.addAll(databaseViolations());
        assertTrue(broken.isEmpty(), "seed " + seed + ": " + broken);
    }

    /** A read is of one committed state: a group it shows always has an admin. */
    private static List<String> withoutAdmin(String group, HttpResponse<String> read) {
        if (read.statusCode() != 200) {
            return List.of();
        }
        List<JsonObject> members = Json.parse(read.body()).getJsonArray("members").getValuesAs(JsonObject.class);
        return members.stream().anyMatch(m -> m.getString("role").equals("ADMIN"))
                ? List.of() : List.of(group + ": " + members);
    }

    /**
     * Mostly someone the clients believe is a member of the group (with {@code role}, if given), so that changes get
     * past the rules' checks; sometimes anyone.
     */
    private static User pick(List<User> users, Map<String, String> members, Random random, String role) {
        List<String> ids = members.entrySet().stream().filter(e -> role == null || role.equals(e.getValue()))
                .map(Map.Entry::getKey).toList();
        if (!ids.isEmpty() && random.nextInt(10) < 8) {
            String id = ids.get(random.nextInt(ids.size()));
            return users.stream().filter(u -> u.id().equals(id)).findFirst().orElse(users.get(0));
        }
        return users.get(random.nextInt(users.size()));
    }

    /** PostgreSQL: the same rules, read straight from the groups tables. */
    private static List<String> databaseViolations() {
        if (!"postgresql".equals(System.getProperty("playball.db.kind"))) {
            return List.of();
        }
        return GroupInvariants.violations(System.getProperty("playball.db.name", "test"),
                PostgresCluster.groupsSchema());
    }
}
