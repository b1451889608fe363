package io.playball.groups.userview;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The user view as other packages' tests need it: rows as the consumer would have left them, and its directory. */
public final class TestUserViews {

    private TestUserViews() {
    }

    /** The directory the services read, on the test's entity manager (their shared persistence context). */
    public static UserDirectory directory(EntityManager em) {
        UserDirectory directory = new UserDirectory();
        directory.em = em;
        return directory;
    }

    /** A user whose registration has arrived. */
    public static UserView active(String userId, String displayName, Instant now) {
        return UserView.of(userId, displayName, 1, false, now);
    }

    /** A user whose deletion has arrived: the tombstone. */
    public static UserView deleted(String userId, Instant now) {
        return UserView.of(userId, null, 2, true, now);
    }
}
