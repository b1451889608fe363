package io.playball.auth.account;

import static io.playball.platform.persistence.TestDatabase.inTransaction;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;

import io.playball.outbox.internal.MovingClock;
import io.playball.platform.persistence.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@link AccountService} wired as on the server, on auth's real changelog and persistence unit in in-memory Derby,
 * with a clock the test moves, an outbox that records what it appends, and the real hashing pool around a stand-in
 * for PBKDF2 (the server's comes from Jakarta Security; its cost is not what these tests are about). Each call is a
 * transaction of its own, as a request's is. {@link #close} stops the pool.
 */
final class AccountsOnDerby implements AutoCloseable {

    /** One schema for the account tests of this JVM (building it takes seconds); each fixture starts empty. */
    private static final TestDatabase DB = new TestDatabase("auth", "db/auth-changelog.xml");

    final MovingClock clock = new MovingClock();
    private final EntityManager em = DB.entityManager();
    final RecordingUserOutbox outbox = new RecordingUserOutbox(em);
    final CountingHash pbkdf2 = new CountingHash();
    final PasswordHasher passwords = new PasswordHasher();
    final RecordingUpgrades upgrades = new RecordingUpgrades();
    final AccountService service = new AccountService();

    AccountsOnDerby() {
        passwords.pbkdf2 = pbkdf2;
        passwords.memoryKiB = 8;
        passwords.iterations = 1;
        passwords.threads = Optional.of(1);
        passwords.wait = Duration.ofSeconds(10);
        passwords.threadFactory = new PlainThreads();
        passwords.init();
        service.em = em;
        service.outbox = outbox;
        service.passwords = passwords;
        service.upgrades = upgrades;
        service.clock = clock;
        runInTransaction(em, e -> e.createQuery("DELETE FROM Account a").executeUpdate());
    }

    <T> T call(Function<AccountService, T> change) {
        return inTransaction(em, e -> change.apply(service));
    }

    void run(Consumer<AccountService> change) {
        runInTransaction(em, e -> change.accept(service));
    }

    /** The events appended since the last look, each as {@link RecordingUserOutbox#summary}. */
    List<String> events() {
        return outbox.drain().stream().map(RecordingUserOutbox::summary).toList();
    }

    Optional<Account> find(String id) {
        return inTransaction(em, e -> Optional.ofNullable(e.find(Account.class, id)));
    }

    long accounts() {
        return inTransaction(em, e -> e.createQuery("SELECT COUNT(a) FROM Account a", Long.class).getSingleResult());
    }

    @Override
    public void close() {
        passwords.close();
    }

    /** Stores a hash as if it had been made by the scheme before Argon2id. */
    void storeLegacyHash(String id, String password) {
        runInTransaction(em, e -> e.createQuery("UPDATE Account a SET a.passwordHash = :hash, a.version = a.version WHERE a.id = :id")
                .setParameter("hash", pbkdf2.generate(password.toCharArray())).setParameter("id", id).executeUpdate());
    }

    /** The replacements asked for, as "accountId oldHash". */
    static final class RecordingUpgrades extends PasswordUpgrades {
        final List<String> asked = new CopyOnWriteArrayList<>();

        @Override
        void replace(String accountId, String oldHash, String password) {
            asked.add(accountId + " " + oldHash);
        }
    }

    /** A stand-in for the PBKDF2 of hashes stored before Argon2id: the password stays recognisable in the hash. */
    static final class CountingHash implements Pbkdf2PasswordHash {
        final AtomicInteger verifications = new AtomicInteger();

        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return "hashed:" + new String(password);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verifications.incrementAndGet();
            return hashedPassword.equals(generate(password));
        }
    }
}
