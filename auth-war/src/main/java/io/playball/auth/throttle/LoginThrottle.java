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
 *
 * <p>A login from a device that logged in as that user before (it shows a valid device token) is counted against that
 * device alone, with the account's limit, and neither the account's block nor the address's stops it: a user behind
 * the address of a guessing flood, or whose account is being guessed at, still logs in from a known device. A device
 * blocked in turn is treated as unknown.
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
    private FailureCounter devices;
    private FailureCounter registrationAddresses;

    @PostConstruct
    void init() {
        accounts = new FailureCounter(new FailureCounter.Policy(perAccount, loginWindow, firstBlock, maxBlock,
                capacity), clock);
        loginAddresses = new FailureCounter(new FailureCounter.Policy(perAddress, loginWindow, firstBlock, maxBlock,
                capacity), clock);
        devices = new FailureCounter(new FailureCounter.Policy(perAccount, loginWindow, firstBlock, maxBlock,
                capacity), clock);
        registrationAddresses = new FailureCounter(new FailureCounter.Policy(registrationsPerAddress,
                registrationWindow, firstBlock, registrationWindow, capacity), clock);
    }

    /** A login let through to its password check: the account and address it came for and from, and its device. */
    public record Attempt(String account, String address, Optional<String> device) {
    }

    /**
     * Lets an attempt go on to the password check, counted as a failure from here on: attempts still being hashed
     * count too, so that no more than the limit get past in a window however many arrive at once. Its outcome then
     * either leaves it counted (a wrong password) or takes it back ({@link #loginSucceeded}, {@link #loginUndecided}).
     *
     * @param device the device id of a valid device token for this account, if the client showed one
     * @throws TooManyAttemptsException if the attempt is not from a known device (or that device is blocked) and the
     *                                  account or the address is blocked
     */
    public synchronized Attempt startLogin(String normalizedUsername, String address, Optional<String> device) {
        if (device.isPresent() && devices.blockedFor(device.get()).isEmpty()) {
            devices.failed(device.get());
            return new Attempt(normalizedUsername, address, device);
        }
        Optional<Duration> account = accounts.blockedFor(normalizedUsername);
        Optional<Duration> from = loginAddresses.blockedFor(address);
        if (account.isPresent() || from.isPresent()) {
            throw new TooManyAttemptsException("Too many failed logins for this account or from this address;"
                    + " retry after the seconds in Retry-After", longest(account, from));
        }
        accounts.failed(normalizedUsername);
        loginAddresses.failed(address);
        return new Attempt(normalizedUsername, address, Optional.empty());
    }

    /**
     * The password was right. From a known device, its count is cleared and nothing else: the account's block, set by
     * someone else's guesses, stays. Otherwise the account's count is cleared and the address's loses this attempt.
     */
    public void loginSucceeded(Attempt attempt) {
        if (attempt.device().isPresent()) {
            devices.succeeded(attempt.device().get());
            return;
        }
        accounts.succeeded(attempt.account());
        loginAddresses.refund(attempt.address());
    }

    /** The password was never checked (the hashing pool busy, the database away): the attempt is not counted. */
    public void loginUndecided(Attempt attempt) {
        if (attempt.device().isPresent()) {
            devices.refund(attempt.device().get());
            return;
        }
        accounts.refund(attempt.account());
        loginAddresses.refund(attempt.address());
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
