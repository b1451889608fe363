package io.playball.it.support;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * The groups API as a typed client sees it, for MicroShed Testing's {@code @RESTClient}: a test that reads what a
 * client reads, with the JSON mapped as a client would map it. Tests of exact status codes, headers and problem
 * bodies, and of bytes no client library would send, use {@link Api} instead.
 */
@Path("/groups/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GroupsApi {

    /** The caller's groups, with the caller's role in each. */
    @GET
    List<MyGroup> mine(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer);

    @GET
    @Path("{id}")
    Group get(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, @PathParam("id") String id);

    /** 201, or 409 while the caller's registration has not reached groups yet. */
    @POST
    Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String bearer, NewGroup group);

    static String bearer(String token) {
        return "Bearer " + token;
    }

    record NewGroup(String name) {
    }

    record MyGroup(String id, String name, long version, String role) {
    }

    record Member(String userId, String displayName, String role) {
    }

    record Group(String id, String name, long version, List<Member> members) {

        public Optional<Member> member(String userId) {
            return members.stream().filter(m -> m.userId().equals(userId)).findFirst();
        }
    }
}
