package io.playball.outbox.internal;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's default concurrency resources, looked up by their standard names: the outbox's beans are added by
 * an extension, and a lookup does not depend on how the server processes resource annotations on such classes.
 */
@ApplicationScoped
public class ManagedResources {

    private ManagedExecutorService executor;
    private ManagedScheduledExecutorService scheduler;
    private ManagedThreadFactory threads;

    /** Once, on the application's thread that first needs them (java:comp is not there on the producer's threads). */
    @PostConstruct
    void lookUp() {
        executor = lookup("java:comp/DefaultManagedExecutorService");
        scheduler = lookup("java:comp/DefaultManagedScheduledExecutorService");
        threads = lookup("java:comp/DefaultManagedThreadFactory");
    }

    ManagedExecutorService executor() {
        return executor;
    }

    ManagedScheduledExecutorService scheduler() {
        return scheduler;
    }

    ManagedThreadFactory threads() {
        return threads;
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("The server has no " + name, e);
        }
    }
}
