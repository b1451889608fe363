package io.playball.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts.User;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The check every fault test ends with: what auth committed equals what groups applied, once each.
 *
 * <p>For each user, auth's account version is the number of changes it committed (registration is version 1, each
 * rename adds one), whether or not the client saw the answer; every change that got a 2xx is among them. Groups must
 * have consumed exactly that many distinct events of the user (inbox rows: none missing, none twice) and hold that
 * version in its view. The outbox must drain, and the consumer must still apply a fresh change afterwards.
 */
public final class Ledger {

    /** The server whose books are read: its base URL, and an operator's token there. */
    public record Books(String baseUrl, Supplier<String> operatorToken) {

        /** The build's test server, with the test run's operator. */
        public static Books testServer() {
            return new Books(Api.baseUrl(), Ops::token);
        }

        HttpResponse<String> get(String path, String token) {
            return Api.sendTo(baseUrl, "GET", path, token, null, null, Map.of());
        }

        HttpResponse<String> userView(String userId) {
            return get("/groups/api/admin/users/" + userId, operatorToken.get());
        }
    }

    private Ledger() {
    }

    public static void assertBalanced(ChangeLoad load, Duration deadline) {
        assertBalanced(load, deadline, Books.testServer());
    }

    public static void assertBalanced(ChangeLoad load, Duration deadline, Books books) {
        Poll.until("the outbox to drain", deadline, () -> Outbox.pendingAt(books.baseUrl()) == 0);
        List<String> lastMismatches = new ArrayList<>();
        Poll.until("groups to have applied every change auth committed", deadline, () -> {
            lastMismatches.clear();
            for (User user : load.users()) {
                Entry e = entry(user, books);
                if (e.viewVersion != e.authVersion || e.consumed != e.authVersion) {
                    lastMismatches.add(e.toString());
                }
            }
            return lastMismatches.isEmpty();
        }, ok -> ok);

        for (User user : load.users()) {
            Entry e = entry(user, books);
            assertTrue(e.authVersion >= 1 + load.acknowledged(user.id()),
                    "every acknowledged change is committed: " + e + ", acknowledged " + load.acknowledged(user.id()));
            assertEquals(e.authVersion, e.consumed, "one inbox row per committed change: " + e);
            assertEquals(e.authVersion, e.viewVersion, "the view is at the latest version: " + e);
        }

        User probe = load.users().get(0);
        long version = entry(probe, books).authVersion;
        HttpResponse<String> fresh = Accounts.rename(books.baseUrl(), probe, "Fresh after the fault", version);
        assertEquals(200, fresh.statusCode(), fresh.body());
        Poll.until("a fresh change applied after the fault", Duration.ofSeconds(30), () -> books.userView(probe.id()),
                r -> r.statusCode() == 200
                        && Json.parse(r.body()).getJsonNumber("version").longValue() == version + 1);
    }

    /** Over the load's users: events auth committed, events groups consumed, and the differences either way. */
    public record Totals(long committed, long consumed, long missing, long doubled) {
    }

    public static Totals totals(ChangeLoad load, Books books) {
        long committed = 0;
        long consumed = 0;
        long missing = 0;
        long doubled = 0;
        for (User user : load.users()) {
            Entry e = entry(user, books);
            committed += e.authVersion;
            consumed += e.consumed;
            missing += Math.max(0, e.authVersion - e.consumed);
            doubled += Math.max(0, e.consumed - e.authVersion);
        }
        return new Totals(committed, consumed, missing, doubled);
    }

    private static Entry entry(User user, Books books) {
        HttpResponse<String> me = books.get("/auth/api/users/me", user.token());
        assertEquals(200, me.statusCode(), me.body());
        long authVersion = Json.parse(me.body()).getJsonNumber("version").longValue();
        HttpResponse<String> view = books.userView(user.id());
        if (view.statusCode() != 200) {
            return new Entry(user.id(), authVersion, 0, 0);
        }
        JsonObject v = Json.parse(view.body());
        return new Entry(user.id(), authVersion, v.getJsonNumber("version").longValue(),
                v.getJsonNumber("consumedEvents").longValue());
    }

    private record Entry(String userId, long authVersion, long viewVersion, long consumed) {
    }
}
