package io.playball.auth.account;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces a stored hash of an older scheme or cost with a current one once a login has proved the password, the only
 * moment the server has it. In the background: the login does not wait for it, and a busy pool or a failed write
 * leaves the old hash, still valid, to be replaced at a later login.
 */
@ApplicationScoped
public class PasswordUpgrades {

    private static final Logger LOG = Logger.getLogger(PasswordUpgrades.class.getName());

    @Inject
    PasswordHasher passwords;

    @Inject
    AccountService accounts;

    @Resource
    ManagedExecutorService executor;

    void replace(String accountId, String oldHash, String password) {
        passwords.hashAsync(password)
                .thenAcceptAsync(newHash -> accounts.replacePasswordHash(accountId, oldHash, newHash), executor)
                .exceptionally(failure -> {
                    LOG.log(Level.FINE, "An outdated password hash stays until a later login", failure);
                    return null;
                });
    }
}
