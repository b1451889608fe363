package io.playball.groups.persistence;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a transactional method: a deadlock, serialization failure or lock timeout (SQLState class 40) runs it again in
 * a new transaction, a few times; if it still fails, {@link DatabaseBusyException}. Outside the transaction's own
 * interceptor, so each attempt is a transaction of its own.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RetriedOnConflict {
}
