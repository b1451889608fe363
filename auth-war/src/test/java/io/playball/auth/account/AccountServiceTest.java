package io.playball.auth.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.playball.auth.event.UserEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The account rules: a username is taken once (ignoring case and space); registration, rename and deletion each move
 * the version and append their event (UserRegistered at 1, UserUpdated, UserDeleted one past the last) in the change's
 * transaction, at the clock's time; a rename naming a stale version is refused.
 */
class AccountServiceTest {

    private final AccountsOnDerby accounts = new AccountsOnDerby();

    @AfterEach
    void close() {
        accounts.close();
    }

    private Account ada() {
        Account ada = accounts.call(s -> s.register("ada", "Ada", "secret"));
        accounts.events();
        return ada;
    }

    @Test
    void aNewAccountStartsAtVersionOneAndAppendsUserRegistered() {
        Account ada = accounts.call(s -> s.register("  Ada ", "Ada Lovelace", "secret"));

        assertEquals("ada", ada.username(), "kept without case or surrounding space");
        assertEquals(1, ada.version());
        assertEquals(1, accounts.find(ada.id()).orElseThrow().version());
        List<UserEvent> events = accounts.outbox.drain();
        assertEquals(List.of("UserRegistered " + ada.id() + " v1 Ada Lovelace"),
                events.stream().map(RecordingUserOutbox::summary).toList());
        assertEquals(accounts.clock.instant(), events.get(0).occurredAt());
    }

    @Test
    void thePasswordIsKeptOnlyAsItsHash() {
        Account ada = ada();
        String stored = accounts.find(ada.id()).orElseThrow().passwordHash();

        assertNotEquals("secret", stored);
        assertTrue(stored.startsWith("$argon2id$v=19$m=8,t=1,p=1$"), stored);
        assertFalse(accounts.passwords.isOutdated(stored));
    }

    @Test
    void aUsernameTakenIgnoringCaseAndSpaceIsRefused() {
        ada();

        assertThrows(UsernameTakenException.class, () -> accounts.call(s -> s.register(" ADA", "Other", "pw")));

        assertEquals(1, accounts.accounts());
        assertEquals(List.of(), accounts.events());
    }

    @Test
    void aRenameWithTheCurrentVersionMovesItOnAndAppendsUserUpdated() {
        Account ada = ada();
        accounts.clock.advance(Duration.ofHours(1));

        long version = accounts.call(s -> s.rename(ada.id(), "Countess", 1));

        assertEquals(2, version);
        Account renamed = accounts.find(ada.id()).orElseThrow();
        assertEquals(2, renamed.version());
        assertEquals("Countess", renamed.displayName());
        List<UserEvent> events = accounts.outbox.drain();
        assertEquals(List.of("UserUpdated " + ada.id() + " v2 Countess"),
                events.stream().map(RecordingUserOutbox::summary).toList());
        assertEquals(accounts.clock.instant(), events.get(0).occurredAt(), "the rename's time, not the registration's");
    }

    @Test
    void aRenameNamingAStaleVersionIsRefused() {
        Account ada = ada();
        accounts.call(s -> s.rename(ada.id(), "Countess", 1));
        accounts.events();

        StaleVersionException refused = assertThrows(StaleVersionException.class,
                () -> accounts.call(s -> s.rename(ada.id(), "Enchantress", 1)));

        assertEquals(2, refused.currentVersion());
        Account kept = accounts.find(ada.id()).orElseThrow();
        assertEquals("Countess", kept.displayName());
        assertEquals(2, kept.version());
        assertEquals(List.of(), accounts.events());
    }

    @Test
    void aRenameToTheNameItHasChangesNothing() {
        Account ada = ada();

        long version = accounts.call(s -> s.rename(ada.id(), "Ada", 1));

        assertEquals(1, version);
        assertEquals(1, accounts.find(ada.id()).orElseThrow().version());
        assertEquals(List.of(), accounts.events());
    }

    @Test
    void aDeletionRemovesTheAccountAndAppendsUserDeletedOnePastItsLastVersion() {
        Account ada = ada();
        accounts.call(s -> s.rename(ada.id(), "Countess", 1));
        accounts.events();

        accounts.run(s -> s.delete(ada.id()));

        assertEquals(Optional.empty(), accounts.find(ada.id()));
        // a tombstone newer than any update, so that no consumer lets an earlier update bring the user back
        assertEquals(List.of("UserDeleted " + ada.id() + " v3"), accounts.events());
        assertThrows(AccountNotFoundException.class, () -> accounts.call(s -> s.get(ada.id())));
        assertThrows(AccountNotFoundException.class, () -> accounts.call(s -> s.rename(ada.id(), "Ghost", 2)));
        assertEquals(List.of(), accounts.events());
    }

    @Test
    void aDeletedAccountsUsernameMayBeRegisteredAgainAsANewAccount() {
        Account ada = ada();
        accounts.run(s -> s.delete(ada.id()));
        accounts.events();

        Account again = accounts.call(s -> s.register("ada", "Ada II", "secret"));

        assertNotEquals(ada.id(), again.id());
        assertEquals(List.of("UserRegistered " + again.id() + " v1 Ada II"), accounts.events());
    }
}
