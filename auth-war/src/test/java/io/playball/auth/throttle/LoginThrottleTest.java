package io.playball.auth.throttle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logins are counted as they start, so attempts still being hashed cannot slip past the limit together. */
class LoginThrottleTest {

    private static final Optional<String> NO_DEVICE = Optional.empty();
    private final LoginThrottle throttle = new LoginThrottle();

    @BeforeEach
    void configure() {
        throttle.clock = new FailureCounterTest.MovableClock();
        throttle.perAccount = 5;
        throttle.perAddress = 20;
        throttle.loginWindow = Duration.ofMinutes(15);
        throttle.firstBlock = Duration.ofSeconds(30);
        throttle.maxBlock = Duration.ofMinutes(15);
        throttle.registrationsPerAddress = 20;
        throttle.registrationWindow = Duration.ofHours(1);
        throttle.capacity = 1000;
        throttle.init();
    }

    @Test
    void attemptsStillBeingCheckedCountAgainstTheLimit() {
        for (int i = 0; i < 5; i++) {
            int attempt = i + 1;
            assertDoesNotThrow(() -> throttle.startLogin("ada", "10.0.0.1", NO_DEVICE), "attempt " + attempt);
        }
        // none of the five has an outcome yet: the sixth waits out the block like a sixth failure would
        assertThrows(TooManyAttemptsException.class, () -> throttle.startLogin("ada", "10.0.0.1", NO_DEVICE));
    }

    @Test
    void anAddressGetsTwentyAttemptsAtOnceAndNoMore() {
        int passed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                throttle.startLogin("user-" + i, "10.0.0.2", NO_DEVICE);
                passed++;
            } catch (TooManyAttemptsException e) {
                // blocked
            }
        }
        assertEquals(20, passed);
    }

    @Test
    void aRightPasswordClearsTheAccountAndTakesItsAttemptBackFromTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.startLogin("ada", "10.0.0.3", NO_DEVICE);  // four wrong passwords
        }
        throttle.loginSucceeded(throttle.startLogin("ada", "10.0.0.3", NO_DEVICE));
        for (int i = 0; i < 5; i++) {
            int attempt = i + 1;
            assertDoesNotThrow(() -> throttle.startLogin("ada", "10.0.0.3", NO_DEVICE),
                    "the account starts afresh: " + attempt);
        }
    }

    @Test
    void anAttemptNeverCheckedIsNotCounted() {
        for (int i = 0; i < 20; i++) {
            throttle.loginUndecided(throttle.startLogin("bob", "10.0.0.4", NO_DEVICE));  // the hashing pool was busy
        }
        assertDoesNotThrow(() -> throttle.startLogin("bob", "10.0.0.4", NO_DEVICE));
    }

    @Test
    void aKnownDeviceLogsInThroughTheBlocksOfItsAccountAndItsAddress() {
        for (int i = 0; i < 20; i++) {
            tryLogin("victim", "10.0.0.5", NO_DEVICE);  // someone else's guesses, from the same address
        }
        assertThrows(TooManyAttemptsException.class, () -> throttle.startLogin("victim", "10.0.0.5", NO_DEVICE));

        LoginThrottle.Attempt known = throttle.startLogin("victim", "10.0.0.5", Optional.of("device-1"));
        throttle.loginSucceeded(known);

        assertThrows(TooManyAttemptsException.class, () -> throttle.startLogin("victim", "10.0.0.5", NO_DEVICE),
                "the device's success lifts no block that others' guesses set");
    }

    @Test
    void aDeviceHasTheAccountsLimitOfItsOwnAndIsThenTreatedAsUnknown() {
        for (int i = 0; i < 5; i++) {
            throttle.startLogin("carol", "10.0.0.6", Optional.of("stolen"));  // five wrong passwords
        }
        LoginThrottle.Attempt sixth = throttle.startLogin("carol", "10.0.0.6", Optional.of("stolen"));
        assertEquals(Optional.empty(), sixth.device(), "counted as from an unknown device");
        for (int i = 0; i < 4; i++) {
            throttle.startLogin("carol", "10.0.0.6", Optional.of("stolen"));
        }
        assertThrows(TooManyAttemptsException.class, () -> throttle.startLogin("carol", "10.0.0.6",
                Optional.of("stolen")), "no more guesses than the account's limit, with the device or without");
        assertDoesNotThrow(() -> throttle.startLogin("carol", "10.0.0.6", Optional.of("another device")));
    }

    private void tryLogin(String username, String address, Optional<String> device) {
        try {
            throttle.startLogin(username, address, device);
        } catch (TooManyAttemptsException e) {
            // blocked
        }
    }
}
