package io.playball.auth.throttle;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Logins are counted as they start, so attempts still being hashed cannot slip past the limit together. */
class LoginThrottleTest {

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
            assertDoesNotThrow(() -> throttle.startLogin("ada", "10.0.0.1"), "attempt " + attempt);
        }
        // none of the five has an outcome yet: the sixth waits out the block like a sixth failure would
        assertThrows(TooManyAttemptsException.class, () -> throttle.startLogin("ada", "10.0.0.1"));
    }

    @Test
    void anAddressGetsTwentyAttemptsAtOnceAndNoMore() {
        int passed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                throttle.startLogin("user-" + i, "10.0.0.2");
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
            throttle.startLogin("ada", "10.0.0.3");  // four wrong passwords
        }
        throttle.startLogin("ada", "10.0.0.3");
        throttle.loginSucceeded("ada", "10.0.0.3");
        for (int i = 0; i < 5; i++) {
            int attempt = i + 1;
            assertDoesNotThrow(() -> throttle.startLogin("ada", "10.0.0.3"), "the account starts afresh: " + attempt);
        }
    }

    @Test
    void anAttemptNeverCheckedIsNotCounted() {
        for (int i = 0; i < 20; i++) {
            throttle.startLogin("bob", "10.0.0.4");
            throttle.loginUndecided("bob", "10.0.0.4");  // the hashing pool was busy
        }
        assertDoesNotThrow(() -> throttle.startLogin("bob", "10.0.0.4"));
    }
}
