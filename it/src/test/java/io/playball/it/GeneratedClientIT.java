package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.playball.client.ApiClient;
import io.playball.client.ApiException;
import io.playball.client.api.AccountsApi;
import io.playball.client.api.GroupsApi;
import io.playball.client.model.AccountResponse;
import io.playball.client.model.CreateGroup;
import io.playball.client.model.GroupSummary;
import io.playball.client.model.GroupView;
import io.playball.client.model.LoginRequest;
import io.playball.client.model.MemberView;
import io.playball.client.model.PutMember;
import io.playball.client.model.RegistrationRequest;
import io.playball.client.model.Role;
import io.playball.it.support.Accounts;
import io.playball.it.support.Api;
import io.playball.it.support.Poll;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The Java client that openapi-generator makes from the OpenAPI document (in the it module's build, from the copy
 * that OpenApiIT keeps equal to /openapi) works against the running server, as a client team would use it: register,
 * log in, create a group, add a member. Its method names are the document's operationIds.
 */
@MicroShedTest
class GeneratedClientIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @BeforeAll
    static void ready() {
        Api.awaitReady();
    }

    @Test
    void registerLogInCreateAGroupAndAddAMember() throws ApiException {
        AccountsApi accounts = new AccountsApi(client(null));
        AccountResponse ada = register(accounts, "Ada Lovelace");
        AccountResponse charles = register(accounts, "Charles Babbage");
        String token = accounts.logIn(new LoginRequest().username(ada.getUsername()).password(Accounts.PASSWORD),
                null, Map.of(Accounts.FORWARDED_FOR, Accounts.clientAddress())).getAccessToken();  // no device yet
        assertNotNull(token);

        GroupsApi groups = new GroupsApi(client(token));
        // groups knows a user once their registration event has arrived: until then a 409 with Retry-After
        GroupSummary group = Poll.until("groups to know the new user", DEADLINE,
                () -> createGroup(groups, "Analytical Engine"), created -> created != null);
        GroupView withMember = Poll.until("groups to know the member", DEADLINE,
                () -> addMember(groups, group.getId(), charles.getId()), added -> added != null);

        assertEquals("Analytical Engine", withMember.getName());
        assertEquals(2, withMember.getMembers().size());
        MemberView member = withMember.getMembers().stream().filter(m -> m.getUserId().equals(charles.getId()))
                .findFirst().orElseThrow();
        assertEquals(Role.PARTICIPANT, member.getRole());
        assertEquals("Charles Babbage", member.getDisplayName());
        assertEquals(withMember.getVersion(), groups.getGroup(group.getId()).getVersion());
    }

    private static AccountResponse register(AccountsApi accounts, String displayName) throws ApiException {
        return accounts.register(new RegistrationRequest().username(Accounts.uniqueUsername("generated-client"))
                .displayName(displayName).password(Accounts.PASSWORD), Map.of(Accounts.FORWARDED_FOR, Accounts.clientAddress()));
    }

    /** The group, or null while groups does not know the caller yet (409). */
    private static GroupSummary createGroup(GroupsApi groups, String name) {
        try {
            return groups.createGroup(new CreateGroup().name(name));
        } catch (ApiException e) {
            if (e.getCode() == 409) {
                return null;
            }
            throw new AssertionError(e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    /** The group with the new member, or null while groups does not know the member yet (404). */
    private static GroupView addMember(GroupsApi groups, String groupId, String userId) {
        try {
            return groups.putMember(groupId, new PutMember().userId(userId).role(Role.PARTICIPANT));
        } catch (ApiException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw new AssertionError(e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(Api.baseUrl());
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
