package io.playball.auth.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The credentials check of {@link AccountService#authenticateAsync}: the right password gives the account; a wrong
 * password and an unknown username fail alike ({@link InvalidCredentialsException}), each after one verification.
 */
class LoginTest {

    private final AccountsOnDerby accounts = new AccountsOnDerby();
    private Account ada;

    @BeforeEach
    void register() {
        ada = accounts.call(s -> s.register("ada", "Ada", "secret"));
    }

    @AfterEach
    void close() {
        accounts.close();
    }

    /** The stage's outcome; the bound only keeps a broken pool from hanging the build, no test waits for it. */
    private Account login(String username, String password) throws Exception {
        CompletionStage<Account> stage = accounts.call(s -> s.authenticateAsync(username, password));
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private InvalidCredentialsException refused(String username, String password) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> login(username, password));
        return assertInstanceOf(InvalidCredentialsException.class, failed.getCause());
    }

    @Test
    void theRightPasswordGivesTheAccountWhateverTheUsernamesCase() throws Exception {
        assertEquals(ada.id(), login("ada", "secret").id());
        assertEquals(ada.id(), login(" ADA ", "secret").id());
    }

    @Test
    void aWrongPasswordIsRefused() {
        long before = accounts.passwords.hashed();

        refused("ada", "Secret");

        assertEquals(before + 1, accounts.passwords.hashed());
    }

    @Test
    void anUnknownUsernameIsRefusedLikeAWrongPasswordAfterAsMuchWork() {
        long before = accounts.passwords.hashed();

        InvalidCredentialsException unknown = refused("grace", "secret");
        InvalidCredentialsException wrong = refused("ada", "wrong");

        assertEquals(wrong.getMessage(), unknown.getMessage());
        // the unknown name is checked against a decoy hash: as many hashes as for the wrong password
        assertEquals(before + 2, accounts.passwords.hashed());
    }

    @Test
    void aHashStoredBeforeArgon2idStillLogsInAndIsReplacedAfterTheRightPasswordOnly() throws Exception {
        accounts.storeLegacyHash(ada.id(), "secret");
        String legacy = accounts.find(ada.id()).orElseThrow().passwordHash();

        refused("ada", "wrong");
        assertEquals(List.of(), accounts.upgrades.asked, "a wrong password proves nothing");

        assertEquals(ada.id(), login("ada", "secret").id());
        assertEquals(List.of(ada.id() + " " + legacy), accounts.upgrades.asked);
    }

    @Test
    void aCurrentHashIsNotReplaced() throws Exception {
        login("ada", "secret");

        assertEquals(List.of(), accounts.upgrades.asked);
    }

    @Test
    void theReplacementTakesTheOldHashsPlaceOnlyIfItIsStillThere() {
        accounts.storeLegacyHash(ada.id(), "secret");
        String legacy = accounts.find(ada.id()).orElseThrow().passwordHash();
        String current = accounts.passwords.hash("secret");

        assertEquals(false, accounts.call(s -> s.replacePasswordHash(ada.id(), "another hash", current)));
        assertEquals(true, accounts.call(s -> s.replacePasswordHash(ada.id(), legacy, current)));

        Account after = accounts.find(ada.id()).orElseThrow();
        assertEquals(current, after.passwordHash());
        assertEquals(1, after.version(), "the hash is no part of any event: the version stays");
    }

    @Test
    void aLoginChangesNothingAndAppendsNoEvent() throws Exception {
        accounts.events();

        login("ada", "secret");
        refused("ada", "wrong");

        assertEquals(1, accounts.find(ada.id()).orElseThrow().version());
        assertEquals(List.of(), accounts.events());
    }
}
