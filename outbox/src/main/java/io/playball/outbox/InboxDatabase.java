package io.playball.outbox;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the application's producer of the inbox's {@code EntityManager}: its JTA persistence unit, which lists
 * {@link InboxEntry}, in the database its consumer applies events to (the inbox row commits with their effect).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface InboxDatabase {
}
