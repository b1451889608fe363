package io.playball.outbox;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the application's producers of the outbox's {@code EntityManager} (its JTA persistence unit, which lists
 * {@link OutboxEntry}) and {@code DataSource} (the same database, for maintenance outside a transaction).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE})
public @interface OutboxDatabase {
}
