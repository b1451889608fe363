package io.playball.groups.api;

import io.playball.outbox.internal.InboxRetention;
import io.playball.platform.api.ApiDoc;
import io.playball.platform.api.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** For operators (admin role): run the inbox purge now, optionally with a shorter retention than configured. */
@Tag(name = "operations")
@SecurityRequirement(name = ApiDoc.BEARER)
@Path("admin/inbox/purge")
@ApplicationScoped
@RolesAllowed("admin")
public class InboxAdminResource {

    /** A century: far beyond any retention, well inside the timestamps' range. */
    static final Duration MAXIMUM_AGE = Duration.ofDays(36_500);

    @Inject
    InboxRetention retention;

    @Inject
    @ConfigProperty(name = "playball.inbox.purge.min-age", defaultValue = "PT1H")
    Duration minimumAge;

    @Operation(operationId = "purgeInbox", summary = "Purge old inbox rows now (admin)",
            description = "Deletes inbox rows older than olderThan (ISO-8601 duration; default the configured"
                    + " retention; 400 below playball.inbox.purge.min-age, one hour by default, or above a century).")
    @APIResponse(responseCode = "200", description = "How many rows were deleted",
            content = @Content(mediaType = ApiDoc.JSON, schema = @Schema(implementation = PurgeResult.class)))
    @APIResponse(responseCode = "400", ref = ApiDoc.BAD_REQUEST)
    @APIResponse(responseCode = "401", ref = ApiDoc.UNAUTHORIZED)
    @APIResponse(responseCode = "403", ref = ApiDoc.FORBIDDEN)
    @APIResponse(responseCode = "503", ref = ApiDoc.UNAVAILABLE)
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public PurgeResult purge(@QueryParam("olderThan") String olderThan) {
        Duration age;
        try {
            age = purgeAge(olderThan, retention.retention(), minimumAge);
        } catch (IllegalArgumentException e) {
            throw new WebApplicationException(Problem.of(Status.BAD_REQUEST, "bad-request", e.getMessage())
                    .toResponse());
        }
        return new PurgeResult(age.toString(), retention.purgeOlderThan(age));
    }

    /**
     * The requested age, or the configured retention without one. Rows younger than the minimum still catch the
     * redeliveries that follow a rebalance or a crash, so an operator cannot purge them; an age beyond
     * {@link #MAXIMUM_AGE} reaches before any clock the database keeps.
     *
     * @throws IllegalArgumentException saying what is wrong with the requested age
     */
    static Duration purgeAge(String olderThan, Duration configured, Duration minimum) {
        if (olderThan == null) {
            return configured;
        }
        Duration age;
        try {
            age = Duration.parse(olderThan);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("olderThan must be an ISO-8601 duration such as PT1H");
        }
        if (age.compareTo(minimum) < 0) {
            throw new IllegalArgumentException("olderThan must be at least " + minimum
                    + " (playball.inbox.purge.min-age): younger inbox rows still catch redelivered events");
        }
        if (age.compareTo(MAXIMUM_AGE) > 0) {
            throw new IllegalArgumentException("olderThan must be at most " + MAXIMUM_AGE);
        }
        return age;
    }

    public record PurgeResult(String olderThan, long purged) {
    }
}
