package io.playball.auth.account;

import io.playball.auth.event.UserEvent;
import io.playball.auth.outbox.UserEventOutbox;
import io.playball.platform.persistence.SqlFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Registers, authenticates, renames and deletes accounts. Every change writes the account row and its outbox row in
 * one JTA transaction: both commit or neither does.
 */
@ApplicationScoped
public class AccountService {

    @PersistenceContext(unitName = "auth")
    EntityManager em;

    @Inject
    UserEventOutbox outbox;

    @Inject
    PasswordHasher passwords;

    @Inject
    PasswordUpgrades upgrades;

    @Inject
    Clock clock;

    /** @throws UsernameTakenException if the username, ignoring case, is taken */
    @Transactional
    public Account register(String username, String displayName, String password) {
        String hash = passwords.hash(password);  // before the first query: no connection is held while hashing
        String key = normalize(username);
        if (findByUsername(key).isPresent()) {
            throw new UsernameTakenException(key);
        }
        Instant now = clock.instant();
        Account account = Account.register(UUID.randomUUID().toString(), key, displayName, hash, now);
        em.persist(account);
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (SqlFailures.isIntegrityViolation(e)) {  // lost a race on the unique username
                throw new UsernameTakenException(key);
            }
            throw e;  // the database is away, say: not the client's fault
        }
        append(UserEvent.registered(account.id(), account.version(), account.displayName(), now));
        return account;
    }

    /**
     * The account with this username and password, checked on the hashing pool, the caller's thread free meanwhile.
     * The stage fails with {@link InvalidCredentialsException} for an unknown username and a wrong password alike
     * (both cost one hash), or with {@link HashingBusyException}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public CompletionStage<Account> authenticateAsync(String username, String password) {
        Optional<Account> account = findByUsername(normalize(username));
        if (account.isEmpty()) {
            return passwords.verifyDecoyAsync(password).thenApply(ignored -> {
                throw new InvalidCredentialsException();
            });
        }
        String stored = account.get().passwordHash();
        return passwords.verifyAsync(password, stored).thenApply(matches -> {
            if (!matches) {
                throw new InvalidCredentialsException();
            }
            if (passwords.isOutdated(stored)) {
                upgrades.replace(account.get().id(), stored, password);
            }
            return account.get();
        });
    }

    /**
     * Stores {@code newHash} in place of {@code oldHash}, if the account still has it. Neither the version nor the
     * outbox moves: the hash is no part of any event.
     *
     * @return whether the hash was replaced
     */
    @Transactional
    public boolean replacePasswordHash(String id, String oldHash, String newHash) {
        return em.createNamedQuery("Account.replacePasswordHash")
                .setParameter("id", id)
                .setParameter("oldHash", oldHash)
                .setParameter("newHash", newHash)
                .executeUpdate() == 1;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Account get(String id) {
        return find(id);
    }

    /**
     * Changes the display name if {@code expectedVersion} is current. A name equal to the current one changes
     * nothing and writes no event. The version check lives in the UPDATE itself, so the usual change costs no read:
     * only an UPDATE that matched no row reads the account, to tell a stale version from a missing account or an
     * unchanged name.
     *
     * @return the account's version now, with {@code displayName} as its name
     * @throws StaleVersionException if the account has moved past {@code expectedVersion}
     */
    @Transactional
    public long rename(String id, String displayName, long expectedVersion) {
        Instant now = clock.instant();
        int renamed = em.createNamedQuery("Account.rename")
                .setParameter("id", id)
                .setParameter("version", expectedVersion)
                .setParameter("displayName", displayName)
                .setParameter("now", now)
                .executeUpdate();
        if (renamed == 0) {
            Account account = find(id);
            if (account.version() != expectedVersion) {
                throw new StaleVersionException(account.version());
            }
            return account.version();  // the name it already has
        }
        long version = expectedVersion + 1;
        append(UserEvent.updated(id, version, displayName, now));
        return version;
    }

    /**
     * Deletes the account. Its event carries version + 1, a tombstone newer than any update, so that a consumer
     * never lets an earlier update bring the user back.
     */
    @Transactional
    public void delete(String id) {
        Account account = find(id);
        long tombstoneVersion = account.version() + 1;
        em.remove(account);
        flushOrStale();
        append(UserEvent.deleted(id, tombstoneVersion, clock.instant()));
    }

    /**
     * Re-emits the account's current state as a fresh {@code UserUpdated} event, to repair a view that was damaged by
     * hand. The event needs a version the view will accept, so the account moves to a new version: the next one, or
     * {@code aboveVersion + 1} if that is higher (for a view whose version was raised by hand).
     *
     * @return the event written to the outbox
     * @throws StaleVersionException if the account changed meanwhile
     */
    @Transactional
    public UserEvent reemit(String id, long aboveVersion) {
        Account account = find(id);
        long next = Math.addExact(Math.max(account.version(), aboveVersion), 1);
        int moved = em.createNamedQuery("Account.moveVersion")
                .setParameter("id", id)
                .setParameter("current", account.version())
                .setParameter("next", next)
                .executeUpdate();
        if (moved != 1) {
            throw new StaleVersionException("The account was changed concurrently; retry");
        }
        UserEvent event = UserEvent.updated(id, next, account.displayName(), clock.instant());
        append(event);
        return event;
    }

    private void append(UserEvent event) {
        outbox.append(event);
    }

    private Account find(String id) {
        Account account = em.find(Account.class, id);
        if (account == null) {
            throw new AccountNotFoundException();
        }
        return account;
    }

    private Optional<Account> findByUsername(String normalized) {
        return em.createNamedQuery("Account.byUsername", Account.class)
                .setParameter("username", normalized)
                .getResultStream()
                .findFirst();
    }

    private void flushOrStale() {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw new StaleVersionException("The account was changed concurrently; read it again and retry");
        }
    }

    /** Usernames are compared without regard to case or surrounding space. */
    public static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
