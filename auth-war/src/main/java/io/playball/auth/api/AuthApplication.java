package io.playball.auth.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The accounts API under /auth/api. Endpoints that need a caller say so with @RolesAllowed; the token is an MP-JWT.
 * The OpenAPI components its operations refer to come from the platform's {@code SharedApiComponents}.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
@OpenAPIDefinition(
        info = @Info(title = "PlayBall accounts", version = "1",
                description = "Register, log in for a bearer token, read, rename and delete one's own account."))
public class AuthApplication extends Application {
}
