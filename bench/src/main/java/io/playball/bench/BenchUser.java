package io.playball.bench;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** A pre-registered user; {@code busy} while a change of theirs is in flight, so that each knows its version. */
final class BenchUser {

    final String username;
    final String id;
    volatile PlayBallClient.Token token;
    volatile Instant loggedInAt;
    volatile long version;
    final AtomicBoolean busy = new AtomicBoolean();
    /** The server this user's changes go to; null: the first. */
    volatile PlayBallClient server;
    /** A sampler's own group, where its display name shows once groups has applied the change; else null. */
    volatile String groupId;

    BenchUser(String username, String id, PlayBallClient.Token token, long version) {
        this.username = username;
        this.id = id;
        this.token = token;
        this.loggedInAt = Instant.now();
        this.version = version;
    }

    /** "userId/version": how a committed change is found again in groups' applied-events log. */
    String key(long version) {
        return id + "/" + version;
    }
}
