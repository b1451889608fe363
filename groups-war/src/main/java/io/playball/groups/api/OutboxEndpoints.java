package io.playball.groups.api;

import io.playball.outbox.OutboxOperations;
import io.playball.platform.api.ApiDoc;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The outbox library's operator endpoints on group-events. */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/outbox")
@RolesAllowed("admin")
@ApplicationScoped
public class OutboxEndpoints extends OutboxOperations {
}
