package io.playball.platform.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * The OpenAPI components every service's operations refer to ({@link ApiDoc}): the bearer scheme, the problem body and
 * the error answers. Added to each service's document alike (MicroProfile OpenAPI's {@code mp.openapi.filter}), so
 * that Liberty merges the documents without renaming any of them. Also what standard linters ask of every document:
 * each tag it uses described, and each operation saying who may call it, {@code security: []} for the public ones.
 */
public class SharedApiComponents implements OASFilter {

    private static final String PROBLEM = "Problem";
    private static final String FIELD_ERROR = "FieldError";
    private static final Map<String, String> TAGS = Map.of(
            "accounts", "Register, log in, read, rename or delete one's own account; the token verification keys",
            "groups", "Groups and their members, for the members",
            "operations", "Repair tools for operators (the admin role): the outbox, parked records, the inbox, the"
                    + " user view");

    /** An operation that names no security requirement is public: said so explicitly, as {@code security: []}. */
    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null) {
            operation.setSecurity(new ArrayList<>());
        }
        return operation;
    }

    /**
     * Every body the services take is {@code @NotNull} (a missing one is a 400). The build writes that into each WAR's
     * document, but Liberty's reading of a static document drops {@code requestBody.required}: said here again.
     */
    @Override
    public RequestBody filterRequestBody(RequestBody requestBody) {
        if (requestBody.getRequired() == null) {
            requestBody.setRequired(true);
        }
        return requestBody;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSecurityScheme(ApiDoc.BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("The accessToken from POST /auth/api/tokens"));
        components.addSchema(FIELD_ERROR, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("A field that failed validation")
                .properties(Map.of("field", string("the field's name"), "message", string("what is wrong with it"))));
        components.addSchema(PROBLEM, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("An RFC 9457 problem detail; type is a URN naming the kind of problem")
                .properties(Map.of(
                        "type", string("urn:playball:problem:<kind>"),
                        "title", string("the status's reason phrase"),
                        "status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"),
                        "detail", string("what happened, for a person"),
                        "errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                                .items(OASFactory.createSchema().ref(FIELD_ERROR)))));
        components.addResponse(ApiDoc.BAD_REQUEST,
                problem("Malformed JSON, a wrong type, or invalid fields (one entry per field)"));
        components.addResponse(ApiDoc.UNAUTHORIZED, OASFactory.createAPIResponse()
                .description("No token, or an invalid or expired one (empty body, WWW-Authenticate: Bearer)")
                .addHeader("WWW-Authenticate", header()));
        components.addResponse(ApiDoc.FORBIDDEN, problem("The caller may not do this"));
        components.addResponse(ApiDoc.NOT_FOUND, problem("No such resource (or not visible to the caller)"));
        components.addResponse(ApiDoc.CONFLICT,
                problem("The change conflicts with the current state; the problem's type says which rule"));
        components.addResponse(ApiDoc.TOO_LARGE, problem("The body is over 16 KiB"));
        components.addResponse(ApiDoc.UNSUPPORTED_TYPE, problem("The body is not application/json"));
        components.addResponse(ApiDoc.TOO_MANY, problem("Too many failed logins for the account or from the address,"
                + " or too many registrations from the address; retry after Retry-After seconds")
                .addHeader("Retry-After", integerHeader()));
        components.addResponse(ApiDoc.UNAVAILABLE, problem("A database or the broker cannot be reached now, or the"
                + " server is busy; retry after Retry-After seconds").addHeader("Retry-After", integerHeader()));
        describeTags(openAPI);
    }

    private static void describeTags(OpenAPI openAPI) {
        Set<String> used = new TreeSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                    .forEach(op -> used.addAll(op.getTags() == null ? List.of() : op.getTags())));
        }
        Set<String> listed = new TreeSet<>();
        if (openAPI.getTags() != null) {
            for (Tag tag : openAPI.getTags()) {
                listed.add(tag.getName());
                if (tag.getDescription() == null && TAGS.containsKey(tag.getName())) {
                    tag.setDescription(TAGS.get(tag.getName()));
                }
            }
        }
        for (String name : used) {
            if (!listed.contains(name)) {
                openAPI.addTag(OASFactory.createTag().name(name).description(TAGS.getOrDefault(name, name)));
            }
        }
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM))));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static Header header() {
        return OASFactory.createHeader().schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    }

    private static Header integerHeader() {
        return OASFactory.createHeader().schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)));
    }
}
