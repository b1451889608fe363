package io.playball.auth.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The accounts API under /auth/api. Endpoints that need a caller say so with @RolesAllowed; the token is an MP-JWT.
 * The OpenAPI components here (bearer scheme, problem responses) are the same in both services, so that Liberty
 * merges the two documents without renaming them.
 */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({"user", "admin"})
@OpenAPIDefinition(
        info = @Info(title = "PlayBall accounts", version = "1",
                description = "Register, log in for a bearer token, read, rename and delete one's own account."),
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ApiDoc.BEARER, type = SecuritySchemeType.HTTP,
                        scheme = "bearer", bearerFormat = "JWT",
                        description = "The accessToken from POST /auth/api/tokens"),
                responses = {
                        @APIResponse(name = ApiDoc.BAD_REQUEST, responseCode = "400",
                                description = "Malformed JSON, a wrong type, or invalid fields (one entry per field)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDoc.UNAUTHORIZED, responseCode = "401",
                                description = "No token, or an invalid or expired one (empty body, WWW-Authenticate:"
                                        + " Bearer)",
                                headers = @Header(name = "WWW-Authenticate",
                                        schema = @Schema(type = SchemaType.STRING))),
                        @APIResponse(name = ApiDoc.FORBIDDEN, responseCode = "403",
                                description = "The caller may not do this",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDoc.NOT_FOUND, responseCode = "404",
                                description = "No such resource (or not visible to the caller)",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDoc.CONFLICT, responseCode = "409",
                                description = "The change conflicts with the current state; the problem's type says"
                                        + " which rule",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDoc.TOO_LARGE, responseCode = "413",
                                description = "The body is over 16 KiB",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDoc.UNSUPPORTED_TYPE, responseCode = "415",
                                description = "The body is not application/json",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDoc.TOO_MANY, responseCode = "429",
                                description = "Too many failed logins for the account or from the address, or too"
                                        + " many registrations from the address; retry after Retry-After seconds",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class))),
                        @APIResponse(name = ApiDoc.UNAVAILABLE, responseCode = "503",
                                description = "A database or the broker cannot be reached now; retry after"
                                        + " Retry-After seconds",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = Problem.class)))
                }))
public class AuthApplication extends Application {
}
