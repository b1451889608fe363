package io.playball.it.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * The test class is about what the database does: transactions, locks, constraints, the types it stores and reads
 * back, the statements the services issue. CI runs it on each database ({@code -Dgroups=database} on the PostgreSQL
 * pass); a class without it proves the same on any database and runs once, on Derby. A class that needs PostgreSQL
 * carries this too, and skips itself elsewhere.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("database")
public @interface OnEachDatabase {
}
