package io.playball.groups.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The groups API under /groups/api, for callers holding a token from the accounts API.
 * The OpenAPI components its operations refer to come from the platform's {@code SharedApiComponents}.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
@OpenAPIDefinition(
        info = @Info(title = "PlayBall groups", version = "1",
                description = "Groups and their members, for callers holding a token from the accounts API."))
public class GroupsApplication extends Application {
}
