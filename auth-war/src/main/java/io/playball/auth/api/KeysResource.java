package io.playball.auth.api;

import io.playball.auth.token.SigningKeys;
import io.playball.platform.api.ApiDoc;
import io.playball.platform.api.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /jwks: the public keys that verify auth's tokens (RFC 7517 JWK set), for groups and anyone else. */
@Tag(name = "accounts")
@Path("jwks")
@ApplicationScoped
public class KeysResource {

    static final String JWK_SET = "application/jwk-set+json";

    @Inject
    SigningKeys keys;

    @Operation(operationId = "getSigningKeys", summary = "The token verification keys",
            description = "Every key a token may be signed with, public halves only, each with its kid (its RFC 7638"
                    + " thumbprint). A new key appears here before it signs; an old one stays while tokens it signed"
                    + " may still be valid.")
    @APIResponse(responseCode = "200", description = "A JWK set",
            content = @Content(mediaType = JWK_SET, schema = @Schema(implementation = Object.class)))
    @APIResponse(responseCode = "406", description = "The Accept header takes neither a JWK set nor JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @GET
    @Produces({JWK_SET, ApiDoc.JSON})
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", "max-age=60").build();
    }
}
