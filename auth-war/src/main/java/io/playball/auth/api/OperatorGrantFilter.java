package io.playball.auth.api;

import io.playball.auth.operator.Operators;
import io.playball.platform.api.Problem;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** For {@link OperatorsOnly} resources: after the token's role is checked, the grant must still be held. */
@Provider
@OperatorsOnly
@Priority(Priorities.AUTHORIZATION + 1)
@ApplicationScoped
public class OperatorGrantFilter implements ContainerRequestFilter {

    @Inject
    Operators operators;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!mayPass(request.getSecurityContext().getUserPrincipal(), operators::isOperator)) {
            request.abortWith(Problem.of(Status.FORBIDDEN, "not-an-operator",
                    "Your operator role has been revoked; log in again").toResponse());
        }
    }

    /**
     * Fails closed: only a token whose subject still holds the grant passes. No caller at all passes on to the role
     * check, which answers 401; any other kind of principal has no subject to look up, and is refused.
     */
    static boolean mayPass(Principal caller, Predicate<String> holdsGrant) {
        if (caller == null) {
            return true;
        }
        return caller instanceof JsonWebToken token && token.getSubject() != null
                && holdsGrant.test(token.getSubject());
    }
}
