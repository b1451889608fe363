package io.playball.auth.api;

import io.playball.auth.account.Account;

/** An account as the API shows it: never the password hash. */
public record AccountResponse(String id, String username, String displayName, long version) {

    static AccountResponse of(Account account) {
        return new AccountResponse(account.id(), account.username(), account.displayName(), account.version());
    }
}
