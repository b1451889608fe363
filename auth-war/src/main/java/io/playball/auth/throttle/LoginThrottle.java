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
 * and per client address, before their password is checked: after {@code limit} failures within the window (attempts
 * still being checked among them), each further failure blocks the account
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

    /**
     * Lets an attempt go on to the password check, counted as a failure from here on: attempts still being hashed
     * count too, so that no more than the limit get past in a window however many arrive at once. Its outcome then
     * either leaves it counted (a wrong password) or takes it back ({@link #loginSucceeded}, {@link #loginUndecided}).
     *
     * @throws TooManyAttemptsException if the account or the address is blocked
     */
    public synchronized void startLogin(String normalizedUsername, String address) {
        Optional<Duration> account = accounts.blockedFor(normalizedUsername);
        Optional<Duration> from = loginAddresses.blockedFor(address);
        if (account.isPresent() || from.isPresent()) {
            throw new TooManyAttemptsException("Too many failed logins for this account or from this address;"
                    + " retry after the seconds in Retry-After", longest(account, from));
        }
        accounts.failed(normalizedUsername);
        loginAddresses.failed(address);
    }

    /** The password was right: the account's count is cleared, the address's loses this attempt only. */
    public void loginSucceeded(String normalizedUsername, String address) {
        accounts.succeeded(normalizedUsername);
        loginAddresses.refund(address);
    }

    /** The password was never checked (the hashing pool busy, the database away): the attempt is not counted. */
    public void loginUndecided(String normalizedUsername, String address) {
        accounts.refund(normalizedUsername);
        loginAddresses.refund(address);
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
