package io.playball.auth.api;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource beside {@code @RolesAllowed("admin")}: the caller's grant is checked again at each call, so a
 * revoked operator is refused at once even with a token issued before the revocation.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OperatorsOnly {
}
