package io.playball.auth.account;

import static io.playball.platform.persistence.TestDatabase.inTransaction;
import static io.playball.platform.persistence.TestDatabase.runInTransaction;

import io.playball.outbox.internal.MovingClock;
import io.playball.platform.persistence.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    final AccountService service = new AccountService();

    AccountsOnDerby() {
        passwords.pbkdf2 = pbkdf2;
        passwords.iterations = 1;
        passwords.threads = Optional.of(1);
        passwords.queue = 4;
        passwords.threadFactory = new PlainThreads();
        passwords.init();
        service.em = em;
        service.outbox = outbox;
        service.passwords = passwords;
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

    /** A stand-in for PBKDF2 that keeps the password recognisable in the hash and counts the verifications. */
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
