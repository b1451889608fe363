package io.playball.it;

import static io.playball.it.BadInputIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Json;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * Password guessing and mass registration are throttled before any password is hashed: per account (5 failures) and
 * per client address (20 failures; 20 registrations an hour), with 429, Retry-After and a problem body. Each test
 * speaks from client addresses of its own, which the test server believes because they come through loopback, its
 * trusted proxy.
 */
@MicroShedTest
class LoginThrottleIT {

    private static final String DEVICE_COOKIE = "playball-device";

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void theSixthAttemptAfterFiveFailuresIs429WhateverThePassword() {
        Accounts.User user = Accounts.register("guessed", "Guessed at");
        for (int i = 0; i < 5; i++) {
            assertProblem(login(user.username(), "wrong password " + i, Accounts.clientAddress()), 401);
        }
        HttpResponse<String> throttled = login(user.username(), "wrong password 5", Accounts.clientAddress());
        assertProblem(throttled, 429);
        assertTrue(throttled.body().contains("too-many-attempts"), throttled.body());
        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After: " + retryAfter);

        assertProblem(login(user.username(), Accounts.PASSWORD, Accounts.clientAddress()), 429);
    }

    @Test
    void aSuccessfulLoginResetsTheAccountsCount() {
        Accounts.User user = Accounts.register("forgetful", "Forgetful");
        String address = Accounts.clientAddress();
        for (int i = 0; i < 4; i++) {
            assertProblem(login(user.username(), "wrong password " + i, address), 401);
        }
        assertEquals(200, login(user.username(), Accounts.PASSWORD, address).statusCode());
        for (int i = 0; i < 4; i++) {
            assertProblem(login(user.username(), "wrong again " + i, address), 401);
        }
        assertEquals(200, login(user.username(), Accounts.PASSWORD, address).statusCode());
    }

    @Test
    void anAddressGuessingAtManyAccountsIsThrottledAndOnlyThatAddress() {
        Accounts.User user = Accounts.register("sprayed", "Sprayed at");
        String address = Accounts.clientAddress();
        for (int i = 0; i < 20; i++) {
            assertProblem(login("nobody-" + i + "-" + user.username(), "wrong password", address), 401);
        }
        assertProblem(login(user.username(), Accounts.PASSWORD, address), 429);
        assertEquals(200, login(user.username(), Accounts.PASSWORD, Accounts.clientAddress()).statusCode(),
                "the account itself is not blocked");
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        String address = Accounts.clientAddress();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> created = register(Accounts.uniqueUsername("crowd"), address);
            assertEquals(201, created.statusCode(), created.body());
        }
        HttpResponse<String> refused = register(Accounts.uniqueUsername("crowd"), address);
        assertProblem(refused, 429);
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertEquals(201, register(Accounts.uniqueUsername("crowd"), Accounts.clientAddress()).statusCode());
    }

    /**
     * A guessing flood blocks its address and the account it guesses at; the user, behind that same address, still
     * logs in from the device that logged in before, with the device cookie it got then. Without the cookie, with a
     * tampered one or with another user's, the block holds.
     */
    @Test
    void aKnownDeviceLogsInThroughTheBlockOfItsAddressAndAccount() {
        Accounts.User user = Accounts.register("behind-nat", "Behind a NAT");
        Accounts.User neighbour = Accounts.register("neighbour", "Neighbour");
        String nat = Accounts.clientAddress();
        String device = deviceCookie(login(user.username(), Accounts.PASSWORD, nat));
        String neighboursDevice = deviceCookie(login(neighbour.username(), Accounts.PASSWORD, nat));

        for (int i = 0; i < 20; i++) {
            login("nobody-" + i + "-" + user.username(), "wrong password", nat);
        }
        for (int i = 0; i < 5; i++) {
            login(user.username(), "wrong password " + i, Accounts.clientAddress());
        }
        assertProblem(login(user.username(), Accounts.PASSWORD, nat), 429);
        assertProblem(login(user.username(), Accounts.PASSWORD, Accounts.clientAddress()), 429);

        HttpResponse<String> known = login(user.username(), Accounts.PASSWORD, nat, device);
        assertEquals(200, known.statusCode(), known.body());
        assertProblem(login(user.username(), Accounts.PASSWORD, nat, neighboursDevice), 429);
        assertProblem(login(user.username(), Accounts.PASSWORD, nat, tampered(device)), 429);
        assertProblem(login(user.username(), Accounts.PASSWORD, nat), 429);
    }

    /** A stolen device cookie gives no more guesses than the account's limit: then the device is blocked too. */
    @Test
    void aDeviceGetsFiveWrongPasswordsOfItsOwn() {
        Accounts.User user = Accounts.register("device-guessed", "Device guessed at");
        String device = deviceCookie(login(user.username(), Accounts.PASSWORD, Accounts.clientAddress()));
        for (int i = 0; i < 5; i++) {
            assertProblem(login(user.username(), "wrong password " + i, Accounts.clientAddress(), device), 401);
        }
        for (int i = 0; i < 5; i++) {  // the device blocked, it is one unknown device more: the account's own five
            assertProblem(login(user.username(), "wrong again " + i, Accounts.clientAddress(), device), 401);
        }
        assertProblem(login(user.username(), Accounts.PASSWORD, Accounts.clientAddress(), device), 429);
    }

    /**
     * Through this machine's own network address instead of loopback, the peer is no trusted proxy: its
     * X-Forwarded-For is ignored, so twenty failures under twenty forged addresses all count for the one real address.
     */
    @Test
    void aForwardedForFromAnUntrustedPeerIsIgnored() {
        String external = externalAddress().orElse(null);
        Assumptions.assumeTrue(external != null, "this machine has no non-loopback IPv4 address to connect through");
        String base = "http://" + external + ":" + System.getProperty("microshed_http_port", "9080");
        Accounts.User user = Accounts.register("forged", "Forged for");
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = Api.sendTo(base, "POST", "/auth/api/tokens", null, "application/json",
                    credentials("nobody-" + i + "-" + user.username(), "wrong password"),
                    Map.of(Accounts.FORWARDED_FOR, Accounts.clientAddress()));
            assertProblem(r, 401);
        }
        HttpResponse<String> r = Api.sendTo(base, "POST", "/auth/api/tokens", null, "application/json",
                credentials(user.username(), Accounts.PASSWORD), Map.of(Accounts.FORWARDED_FOR, Accounts.clientAddress()));
        assertProblem(r, 429);
    }

    private static HttpResponse<String> login(String username, String password, String address) {
        return Api.send("POST", "/auth/api/tokens", null, "application/json", credentials(username, password),
                Map.of(Accounts.FORWARDED_FOR, address));
    }

    private static HttpResponse<String> login(String username, String password, String address, String device) {
        return Api.send("POST", "/auth/api/tokens", null, "application/json", credentials(username, password),
                Map.of(Accounts.FORWARDED_FOR, address, "Cookie", DEVICE_COOKIE + "=" + device));
    }

    /** The device token a successful login set, after checking the cookie's attributes. */
    private static String deviceCookie(HttpResponse<String> login) {
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(DEVICE_COOKIE + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no device cookie: " + login.headers().map()));
        String lower = cookie.toLowerCase(java.util.Locale.ROOT);
        assertTrue(lower.contains("httponly") && lower.contains("secure") && lower.contains("samesite=strict")
                && lower.contains("path=/auth/api/tokens"), cookie);
        return cookie.substring(DEVICE_COOKIE.length() + 1).split(";", 2)[0];
    }

    /** The same token with one character of its payload changed: its signature no longer matches. */
    private static String tampered(String token) {
        int at = token.indexOf('.') + 5;
        char c = token.charAt(at);
        return token.substring(0, at) + (c == 'A' ? 'B' : 'A') + token.substring(at + 1);
    }

    private static HttpResponse<String> register(String username, String address) {
        return Api.send("POST", "/auth/api/users", null, "application/json",
                Json.object(Map.of("username", username, "displayName", "One of a crowd", "password", Accounts.PASSWORD)),
                Map.of(Accounts.FORWARDED_FOR, address));
    }

    private static String credentials(String username, String password) {
        return Json.object(Map.of("username", username, "password", password));
    }

    private static Optional<String> externalAddress() {
        try {
            for (NetworkInterface nic : java.util.Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && reachable(a)) {
                        return Optional.of(a.getHostAddress());
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean reachable(InetAddress a) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(a, Integer.getInteger("microshed_http_port", 9080)), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
