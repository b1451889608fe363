package io.playball.auth.account;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** The container's thread factory, as the hashing pool uses it: plain daemon threads. */
final class PlainThreads implements ManagedThreadFactory {

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, "hash-test");
        t.setDaemon(true);
        return t;
    }

    @Override
    public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
        throw new UnsupportedOperationException();
    }
}
