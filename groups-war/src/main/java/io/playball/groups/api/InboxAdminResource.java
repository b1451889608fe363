package io.playball.groups.api;

import io.playball.groups.inbox.InboxRetention;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** For operators (admin role): run the inbox purge now, optionally with a shorter retention than configured. */
@Path("admin/inbox/purge")
@RequestScoped
@RolesAllowed("admin")
public class InboxAdminResource {

    @Inject
    InboxRetention retention;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public PurgeResult purge(@QueryParam("olderThan") String olderThan) {
        Duration age = retention.retention();
        if (olderThan != null) {
            try {
                age = Duration.parse(olderThan);
            } catch (DateTimeParseException e) {
                throw new BadRequestException("olderThan must be an ISO-8601 duration such as PT1H");
            }
        }
        return new PurgeResult(age.toString(), retention.purgeOlderThan(age));
    }

    public record PurgeResult(String olderThan, long purged) {
    }
}
