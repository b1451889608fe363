package io.playball.auth.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** The accounts API under /auth/api. Endpoints that need a caller say so with @RolesAllowed; the token is an MP-JWT. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
public class AuthApplication extends Application {
}
