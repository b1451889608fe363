package io.playball.bench;

/**
 * auth's outbox relay held for a drain. Released exactly once: by the scenario when it starts the clock, else on the
 * way out (finally, or the shutdown hook on Ctrl-C), so that a failed or stopped bench does not leave the server
 * holding back every change.
 */
final class RelayHold implements AutoCloseable {

    private final BenchSetup setup;
    private final Thread hook;
    private boolean held;

    private RelayHold(BenchSetup setup) {
        this.setup = setup;
        this.hook = new Thread(this::releaseOnExit, "bench-release-relay");
    }

    /** Holds the relay; the hook goes in first, so that a Ctrl-C during the call still releases. */
    static RelayHold on(BenchSetup setup) {
        RelayHold hold = new RelayHold(setup);
        Runtime.getRuntime().addShutdownHook(hold.hook);
        try {
            synchronized (hold) {
                hold.held = true;
                setup.client.holdRelay(setup.admin());
            }
        } catch (RuntimeException e) {
            try {
                hold.close();  // the hold may have been put on even though its answer was lost
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        return hold;
    }

    synchronized void release() {
        if (held) {
            setup.client.releaseRelay(setup.admin());
            held = false;
        }
    }

    @Override
    public void close() {
        try {
            release();
        } catch (RuntimeException e) {
            System.err.println(manualRelease(e));
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to; it finds the hold released
            }
        }
    }

    private void releaseOnExit() {
        try {
            boolean wasHeld;
            synchronized (this) {
                wasHeld = held;
                release();
            }
            if (wasHeld) {
                System.err.println("bench stopped: released the outbox relay hold");
            }
        } catch (RuntimeException e) {
            System.err.println(manualRelease(e));
        }
    }

    private String manualRelease(RuntimeException e) {
        return "could not release the outbox relay hold (" + e.getMessage() + "). Release it with"
                + " DELETE " + setup.options.baseUrl() + "/auth/api/admin/outbox/hold as an administrator,"
                + " or restart the server (the hold is kept in memory).";
    }
}
