package io.playball.auth.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/** The operator grant check on auth's admin endpoints lets through only tokens whose subject still holds it. */
class OperatorGrantFilterTest {

    private static final Set<String> GRANTED = Set.of("ada");

    @Test
    void aTokenWhoseSubjectHoldsTheGrantPasses() {
        assertTrue(OperatorGrantFilter.mayPass(token("ada"), GRANTED::contains));
    }

    @Test
    void aTokenWhoseGrantWasRevokedIsRefused() {
        assertFalse(OperatorGrantFilter.mayPass(token("bob"), GRANTED::contains));
    }

    @Test
    void aPrincipalThatIsNotATokenIsRefusedEvenWithAnOperatorsName() {
        Principal basic = () -> "ada";
        assertFalse(OperatorGrantFilter.mayPass(basic, GRANTED::contains));
    }

    @Test
    void noCallerIsLeftToTheRoleCheck() {
        assertTrue(OperatorGrantFilter.mayPass(null, GRANTED::contains));
    }

    private static JsonWebToken token(String subject) {
        return new JsonWebToken() {
            @Override
            public String getName() {
                return subject;
            }

            @Override
            public Set<String> getClaimNames() {
                return Set.of("sub");
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claimName) {
                return "sub".equals(claimName) ? (T) subject : null;
            }
        };
    }
}
