package io.playball.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts.User;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The check every fault test ends with: what auth committed equals what groups applied, once each.
 *
 * <p>For each user, auth's account version is the number of changes it committed (registration is version 1, each
 * rename adds one), whether or not the client saw the answer; every change that got a 2xx is among them. Groups must
 * have consumed exactly that many distinct events of the user (inbox rows: none missing, none twice) and hold that
 * version in its view. The outbox must drain, and the consumer must still apply a fresh change afterwards.
 */
public final class Ledger {

    private Ledger() {
    }

    public static void assertBalanced(ChangeLoad load, Duration deadline) {
        Poll.until("the outbox to drain", deadline, () -> Outbox.pending() == 0);
        List<String> lastMismatches = new ArrayList<>();
        Poll.until("groups to have applied every change auth committed", deadline, () -> {
            lastMismatches.clear();
            for (User user : load.users()) {
                Entry e = entry(user);
                if (e.viewVersion != e.authVersion || e.consumed != e.authVersion) {
                    lastMismatches.add(e.toString());
                }
            }
            return lastMismatches.isEmpty();
        }, ok -> ok);

        for (User user : load.users()) {
            Entry e = entry(user);
            assertTrue(e.authVersion >= 1 + load.acknowledged(user.id()),
                    "every acknowledged change is committed: " + e + ", acknowledged " + load.acknowledged(user.id()));
            assertEquals(e.authVersion, e.consumed, "one inbox row per committed change: " + e);
            assertEquals(e.authVersion, e.viewVersion, "the view is at the latest version: " + e);
        }

        User probe = load.users().get(0);
        long version = entry(probe).authVersion;
        HttpResponse<String> fresh = Accounts.rename(probe, "Fresh after the fault", version);
        assertEquals(200, fresh.statusCode(), fresh.body());
        Ops.awaitUserView("a fresh change applied after the fault", probe.id(),
                v -> v.getJsonNumber("version").longValue() == version + 1);
    }

    private static Entry entry(User user) {
        HttpResponse<String> me = Api.get("/auth/api/users/me", user.token());
        assertEquals(200, me.statusCode(), me.body());
        long authVersion = Json.parse(me.body()).getJsonNumber("version").longValue();
        HttpResponse<String> view = Ops.userView(user.id());
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
