package io.playball.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.classgraph.AnnotationInfo;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.MethodInfo;
import io.github.classgraph.ScanResult;
import io.playball.it.support.Api;
import io.playball.it.support.Json;
import io.playball.it.support.ServerLog;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.microshed.testing.jupiter.MicroShedTest;

/**
 * The OpenAPI document at /openapi against the resource methods compiled into the two WARs: every one is documented
 * (a new endpoint without documentation fails here), with a summary, its success response, problem bodies for its
 * errors, its request body, and the bearer scheme where a token is needed. What standard tools ask of it too: a
 * unique operationId each, public operations saying {@code security: []}, tags described, a licence. The served
 * document is saved to {@code target/openapi/} for the linter that {@code .ci/run} runs on it, and must equal the
 * copy the Java client is generated from ({@code src/test/openapi/playball.json}).
 */
@MicroShedTest
class OpenApiIT {

    private static final List<String> HTTP_METHODS =
            List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");
    private static final String PROBLEM = "application/problem+json";
    private static final Path SERVED = Path.of("target", "openapi", "openapi.yaml");
    private static final Path CLIENT_COPY = Path.of("src", "test", "openapi", "playball.json");

    private static JsonObject document;
    private static Map<String, ResourceMethod> exposed;

    /** One JAX-RS resource method, read from the class files. */
    record ResourceMethod(String key, String javaName, boolean consumesBody, boolean secured) {
    }

    @BeforeAll
    static void load() {
        Api.awaitReady();
        HttpResponse<String> response = Api.send("GET", "/openapi", null, null, null,
                Map.of("Accept", "application/json"));
        assertEquals(200, response.statusCode(), response.body());
        document = Json.parse(response.body());
        HttpResponse<String> yaml = Api.send("GET", "/openapi", null, null, null, Map.of("Accept", "application/yaml"));
        assertEquals(200, yaml.statusCode(), yaml.body());
        try {
            Files.createDirectories(SERVED.getParent());
            Files.writeString(SERVED.resolveSibling("openapi.json"), response.body());
            Files.writeString(SERVED, yaml.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        exposed = scanResourceMethods();
        assertTrue(exposed.size() >= 20, "found only " + exposed.keySet());
    }

    @Test
    void documentsExactlyTheResourceMethodsTheWarsExpose() {
        Set<String> documented = new TreeSet<>();
        document.getJsonObject("paths").forEach((path, item) -> item.asJsonObject().keySet().stream()
                .filter(k -> HTTP_METHODS.contains(k.toUpperCase()))
                .forEach(method -> documented.add(method.toUpperCase() + " " + path)));
        Set<String> missing = new TreeSet<>(exposed.keySet());
        missing.removeAll(documented);
        assertTrue(missing.isEmpty(), "resource methods missing from /openapi: " + missing);
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(exposed.keySet());
        assertTrue(extra.isEmpty(), "documented but not exposed: " + extra);
    }

    @Test
    void everyOperationHasASummaryASuccessAndProblemBodiesForItsErrors() {
        List<String> faults = new ArrayList<>();
        for (ResourceMethod m : exposed.values()) {
            JsonObject op = operation(m.key());
            if (op.getString("summary", "").isBlank()) {
                faults.add(m.key() + ": no summary");
            }
            JsonObject responses = op.getJsonObject("responses");
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                faults.add(m.key() + ": no 2xx response");
            }
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("4"))) {
                faults.add(m.key() + ": no 4xx response");
            }
            responses.forEach((code, value) -> {
                JsonObject response = resolve(value.asJsonObject());
                if (!response.containsKey("description")) {
                    faults.add(m.key() + " " + code + ": no description");
                }
                boolean error = code.startsWith("4") || code.startsWith("5");
                // 401 comes from Liberty's MP-JWT before the API runs: empty body, WWW-Authenticate (login excepted)
                if (error && !code.equals("401") && !hasSchema(response, PROBLEM)) {
                    faults.add(m.key() + " " + code + ": no " + PROBLEM + " body");
                }
            });
            if (m.consumesBody()) {
                JsonObject body = op.getJsonObject("requestBody");
                if (body == null || !hasSchema(resolve(body), "application/json")) {
                    faults.add(m.key() + ": request body not documented");
                }
                for (String code : List.of("400", "413", "415")) {
                    if (!responses.containsKey(code)) {
                        faults.add(m.key() + ": takes a body but documents no " + code);
                    }
                }
            }
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void operationsThatNeedATokenNameTheBearerScheme() {
        JsonObject scheme = document.getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("bearer");
        assertEquals("http", scheme.getString("type"));
        assertEquals("bearer", scheme.getString("scheme"));
        assertEquals("JWT", scheme.getString("bearerFormat"));

        List<String> faults = new ArrayList<>();
        for (ResourceMethod m : exposed.values()) {
            JsonObject op = operation(m.key());
            boolean named = op.containsKey("security") && op.getJsonArray("security").getValuesAs(JsonObject.class)
                    .stream().anyMatch(requirement -> requirement.containsKey("bearer"));
            if (m.secured() != named) {
                faults.add(m.key() + (m.secured() ? ": needs a token but names no bearer scheme"
                        : ": is open but names the bearer scheme"));
            }
            if (m.secured() && !op.getJsonObject("responses").containsKey("401")) {
                faults.add(m.key() + ": needs a token but documents no 401");
            }
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void everyOperationHasAUniqueIdAndSaysWhoMayCallIt() {
        List<String> faults = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        Set<String> tags = new TreeSet<>();
        for (ResourceMethod m : exposed.values()) {
            JsonObject op = operation(m.key());
            String id = op.getString("operationId", "");
            if (id.isBlank() || !ids.add(id)) {
                faults.add(m.key() + ": operationId '" + id + "' missing or not unique");
            }
            if (!op.containsKey("security")) {
                faults.add(m.key() + ": no security (a public operation says security: [])");
            } else if (!m.secured() && !op.getJsonArray("security").isEmpty()) {
                faults.add(m.key() + ": public, but its security is " + op.get("security"));
            }
            op.getJsonArray("tags").getValuesAs(jakarta.json.JsonString.class).forEach(t -> tags.add(t.getString()));
        }
        Set<String> described = new TreeSet<>();
        document.getJsonArray("tags").getValuesAs(JsonObject.class).stream()
                .filter(t -> !t.getString("description", "").isBlank()).forEach(t -> described.add(t.getString("name")));
        assertEquals(tags, described, "every tag used is described");
        assertTrue(document.getJsonObject("info").containsKey("license"), "a licence");
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void theGeneratedClientsCopyIsTheServedDocument() throws IOException {
        JsonObject copy = Json.parse(Files.readString(CLIENT_COPY));
        assertEquals(withoutServers(copy), withoutServers(document), "the client is generated from "
                + CLIENT_COPY.toAbsolutePath() + ", which differs from what /openapi serves: copy "
                + SERVED.resolveSibling("openapi.json").toAbsolutePath() + " over it");
    }

    private static JsonObject withoutServers(JsonObject doc) {
        return jakarta.json.Json.createObjectBuilder(doc).remove("servers").build();
    }

    @Test
    void libertyFindsTheDocumentValid() {
        List<String> invalid = ServerLog.whole().lines()
                .filter(line -> line.contains("CWWKO1650E") || line.contains("CWWKO1651W")).toList();
        assertTrue(invalid.isEmpty(), "Liberty's OpenAPI validation: " + invalid + " (details in " + ServerLog.path()
                + ")");
    }

    @Test
    void theUiIsServed() {
        HttpResponse<String> ui = Api.send("GET", "/openapi/ui/", null, null, null, Map.of("Accept", "text/html"));
        assertEquals(200, ui.statusCode());
        assertTrue(ui.body().contains("<html") || ui.body().contains("<!DOCTYPE"), "not an HTML page");
    }

    private static JsonObject operation(String key) {
        String[] parts = key.split(" ", 2);
        JsonObject item = document.getJsonObject("paths").getJsonObject(parts[1]);
        if (item == null || !item.containsKey(parts[0].toLowerCase())) {
            fail(key + " is not in /openapi");
        }
        return item.getJsonObject(parts[0].toLowerCase());
    }

    /** Follows a {@code $ref} to #/components/... */
    private static JsonObject resolve(JsonObject value) {
        if (!value.containsKey("$ref")) {
            return value;
        }
        String[] ref = value.getString("$ref").replaceFirst("^#/", "").split("/");
        JsonObject target = document;
        for (String segment : ref) {
            target = target.getJsonObject(segment);
            if (target == null) {
                fail("dangling $ref " + value.getString("$ref"));
            }
        }
        return target;
    }

    private static boolean hasSchema(JsonObject responseOrBody, String mediaType) {
        JsonObject content = responseOrBody.getJsonObject("content");
        return content != null && content.containsKey(mediaType)
                && content.getJsonObject(mediaType).get("schema") instanceof JsonObject schema && !schema.isEmpty();
    }

    /**
     * Every resource method in the WARs' class files (and the outbox library's, which they extend), as
     * "METHOD /context/app/class/method" paths.
     */
    private static Map<String, ResourceMethod> scanResourceMethods() {
        Map<String, ResourceMethod> found = new TreeMap<>();
        for (String entry : System.getProperty("playball.api.classes").split(",")) {
            String[] rootAndDir = entry.split("=", 2);
            try (ScanResult scan = new ClassGraph().overrideClasspath(rootAndDir[1])
                    .enableClassInfo().enableMethodInfo().enableAnnotationInfo().ignoreClassVisibility().scan()) {
                List<ClassInfo> apps = scan.getClassesWithAnnotation("jakarta.ws.rs.ApplicationPath");
                assertEquals(1, apps.size(), "one JAX-RS application in " + rootAndDir[1]);
                String base = join(rootAndDir[0],
                        value(apps.get(0).getAnnotationInfo("jakarta.ws.rs.ApplicationPath")));
                for (ClassInfo resource : scan.getClassesWithAnnotation("jakarta.ws.rs.Path")) {
                    String classPath = join(base, value(resource.getAnnotationInfo("jakarta.ws.rs.Path")));
                    boolean classSecured = resource.hasAnnotation("jakarta.annotation.security.RolesAllowed");
                    for (MethodInfo method : resourceMethods(resource)) {
                        for (String http : HTTP_METHODS) {
                            if (!method.hasAnnotation("jakarta.ws.rs." + http)) {
                                continue;
                            }
                            AnnotationInfo sub = method.getAnnotationInfo("jakarta.ws.rs.Path");
                            String path = sub == null ? classPath : join(classPath, value(sub));
                            boolean consumes = method.hasAnnotation("jakarta.ws.rs.Consumes")
                                    || resource.hasAnnotation("jakarta.ws.rs.Consumes");
                            boolean secured = !method.hasAnnotation("jakarta.annotation.security.PermitAll")
                                    && (classSecured
                                        || method.hasAnnotation("jakarta.annotation.security.RolesAllowed"));
                            String key = http + " " + path;
                            found.put(key, new ResourceMethod(key, resource.getSimpleName() + "." + method.getName(),
                                    consumes, secured));
                        }
                    }
                }
            }
        }
        assertFalse(found.isEmpty(), "no resource methods found under " + System.getProperty("playball.api.classes"));
        return found;
    }

    /** Declared in the class or inherited from its superclasses (a library's endpoints, exposed by extending them). */
    private static List<MethodInfo> resourceMethods(ClassInfo resource) {
        List<MethodInfo> methods = new ArrayList<>(resource.getDeclaredMethodInfo());
        for (ClassInfo superclass : resource.getSuperclasses()) {
            superclass.getDeclaredMethodInfo().stream()
                    .filter(m -> methods.stream().noneMatch(own -> own.getName().equals(m.getName())))
                    .forEach(methods::add);
        }
        return methods;
    }

    private static String value(AnnotationInfo annotation) {
        return (String) annotation.getParameterValues().getValue("value");
    }

    private static String join(String left, String right) {
        String a = left.endsWith("/") ? left.substring(0, left.length() - 1) : left;
        String b = right.startsWith("/") ? right.substring(1) : right;
        return b.isEmpty() ? a : a + "/" + b;
    }
}
