package io.playball.auth.throttle;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows down password guessing and mass registration before any password is hashed. Logins are counted per account
 * and per client address: after {@code limit} failures within the window, each further failure blocks the account
 * (or address) for a doubling time, and a blocked one answers 429 whatever the password. A successful login clears
 * its account's count but not its address's, or one valid account would let an address guess at every other.
 * Registrations are counted per client address, successful or not. Throttling instead of locking out: an attacker
 * can slow a victim's logins for the length of a block, never lock them out for good.
 */
@ApplicationScoped
public class LoginThrottle {

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "playball.login.failures.per.account", defaultValue = "5")
    int perAccount;

    @Inject
    @ConfigProperty(name = "playball.login.failures.per.address", defaultValue = "20")
    int perAddress;

    @Inject
    @ConfigProperty(name = "playball.login.failures.window", defaultValue = "PT15M")
    Duration loginWindow;

    @Inject
    @ConfigProperty(name = "playball.login.block.first", defaultValue = "PT30S")
    Duration firstBlock;

    @Inject
    @ConfigProperty(name = "playball.login.block.max", defaultValue = "PT15M")
    Duration maxBlock;

    @Inject
    @ConfigProperty(name = "playball.registrations.per.address", defaultValue = "20")
    int registrationsPerAddress;

    @Inject
    @ConfigProperty(name = "playball.registrations.window", defaultValue = "PT1H")
    Duration registrationWindow;

    /** Keys remembered per counter; the least recently touched go first. */
    @Inject
    @ConfigProperty(name = "playball.throttle.capacity", defaultValue = "100000")
    int capacity;

    private FailureCounter accounts;
    private FailureCounter loginAddresses;
    private FailureCounter registrationAddresses;

    @PostConstruct
    void init() {
        accounts = new FailureCounter(new FailureCounter.Policy(perAccount, loginWindow, firstBlock, maxBlock,
                capacity), clock);
        loginAddresses = new FailureCounter(new FailureCounter.Policy(perAddress, loginWindow, firstBlock, maxBlock,
                capacity), clock);
        registrationAddresses = new FailureCounter(new FailureCounter.Policy(registrationsPerAddress,
                registrationWindow, firstBlock, registrationWindow, capacity), clock);
    }

    /** @throws TooManyAttemptsException if the account or the address is blocked */
    public void checkLogin(String normalizedUsername, String address) {
        Optional<Duration> account = accounts.blockedFor(normalizedUsername);
        Optional<Duration> from = loginAddresses.blockedFor(address);
        if (account.isPresent() || from.isPresent()) {
            throw new TooManyAttemptsException("Too many failed logins for this account or from this address;"
                    + " retry after the seconds in Retry-After", longest(account, from));
        }
    }

    public void loginFailed(String normalizedUsername, String address) {
        accounts.failed(normalizedUsername);
        loginAddresses.failed(address);
    }

    public void loginSucceeded(String normalizedUsername) {
        accounts.succeeded(normalizedUsername);
    }

    /** @throws TooManyAttemptsException if registrations from the address are blocked */
    public void checkRegistration(String address) {
        Optional<Duration> blocked = registrationAddresses.blockedFor(address);
        if (blocked.isPresent()) {
            throw new TooManyAttemptsException("Too many registrations from this address;"
                    + " retry after the seconds in Retry-After", blocked.get());
        }
    }

    /** Counts a registration from the address, whatever its outcome (one refused as busy is not counted). */
    public void registrationAttempted(String address) {
        registrationAddresses.failed(address);
    }

    private static Duration longest(Optional<Duration> a, Optional<Duration> b) {
        Duration x = a.orElse(Duration.ZERO);
        Duration y = b.orElse(Duration.ZERO);
        return x.compareTo(y) >= 0 ? x : y;
    }
}
