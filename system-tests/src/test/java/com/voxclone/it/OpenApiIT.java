package com.voxclone.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document at {@code /openapi} describes the API the running product really serves. The routes are found
 * twice, independently of the document: from the JAX-RS resource classes in the web WAR the launcher deploys (read by
 * reflection: application path, class and method {@code @Path}, the HTTP method annotations), and by asking the running
 * server each documented operation with its own method. Documented and real routes must be the same set; no documented
 * operation may answer as a missing route (the server's own "nothing at this address" 404, or 405), also under the
 * {@code /v1} alias of the OpenAI-compatible operations; operation ids are unique, every path template has its path
 * parameter, and a method that declares what it consumes documents a request body of that type.
 */
@Order(2)
@ExtendWith(SharedStack.class)
class OpenApiIT {

    /** Stands for every path parameter when asking the server: an id that names nothing. */
    private static final String NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";
    private static final Set<String> OPERATION_KEYS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{\\s*([\\w.-]+)\\s*(?::[^}]*)?}");

    private static java.nio.file.Path war;
    private static JsonObject document;
    private static Map<String, Route> routes;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    /** One route of the application: HTTP method and path (templates without their regular expressions). */
    record Route(String method, String path, List<String> consumes, String declaredBy) {
        String key() {
            return method + " " + path;
        }
    }

    @BeforeAll
    static void readDocumentAndClasses() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(SharedStack.stack().baseUri().resolve("/openapi"))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                "asked for JSON, got " + r.headers().firstValue("Content-Type"));
        document = Api.json(r);
        war = TempDirs.create("openapi-war");
        routes = routesOf(java.nio.file.Path.of(System.getProperty("voxclone.launcher.jar")).getParent().resolve("deploy/voxclone-web.war"));
    }

    @AfterAll
    static void removeUnpackedWar() {
        TempDirs.delete(war);
    }

    @Test
    void theDocumentHasExactlyTheRoutesOfTheResourceClasses() {
        Set<String> documented = operations().keySet();
        assertTrue(routes.size() > 30, "found only " + routes.keySet() + " in the web WAR");
        Set<String> undocumented = new TreeSet<>(routes.keySet());
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(routes.keySet());
        assertTrue(undocumented.isEmpty() && notServed.isEmpty(), "routes of the resource classes missing from /openapi: "
                + undocumented.stream().map(k -> k + " (" + routes.get(k).declaredBy() + ")").toList()
                + "; operations in /openapi no resource class declares: " + notServed);
    }

    @Test
    void everyDocumentedOperationIsServedWithItsMethod() throws Exception {
        String key = SharedStack.api().createUser("OpenAPI prober");
        List<String> missing = new ArrayList<>();
        int asked = 0;
        for (var op : operations().entrySet()) {
            String method = op.getKey().substring(0, op.getKey().indexOf(' '));
            String path = op.getKey().substring(method.length() + 1);
            List<String> addresses = new ArrayList<>(List.of(path));
            if (path.startsWith("/api/v1/")) {
                addresses.add(path.substring("/api".length()));   // the alias OpenAI clients use
            }
            for (String address : addresses) {
                HttpResponse<String> r = ask(method, TEMPLATE.matcher(address).replaceAll(NO_SUCH_ID), key, op.getValue());
                asked++;
                if (routeMissing(r)) {
                    missing.add(method + " " + address + " -> " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertTrue(asked > 30, "asked only " + asked);
        assertTrue(missing.isEmpty(), "documented, but the server has no such route: " + missing);
    }

    @Test
    void operationIdsAreUniqueAndEveryPathParameterIsDeclared() {
        Map<String, List<String>> byId = new TreeMap<>();
        List<String> undeclared = new ArrayList<>();
        for (var op : operations().entrySet()) {
            String id = op.getValue().getString("operationId", "");
            byId.computeIfAbsent(id, k -> new ArrayList<>()).add(op.getKey());
            Set<String> declared = op.getValue().getJsonArray("parameters") == null ? Set.of()
                    : op.getValue().getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                    .filter(p -> "path".equals(p.getString("in", ""))).map(p -> p.getString("name")).collect(Collectors.toSet());
            Set<String> inPath = new TreeSet<>();
            Matcher m = TEMPLATE.matcher(op.getKey());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            if (!declared.equals(inPath)) {
                undeclared.add(op.getKey() + " declares " + declared);
            }
        }
        Map<String, List<String>> shared = byId.entrySet().stream().filter(e -> e.getKey().isEmpty() || e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertTrue(shared.isEmpty(), "operation ids missing or shared: " + shared);
        assertTrue(undeclared.isEmpty(), "path parameters not as in the path: " + undeclared);
    }

    @Test
    void whatAMethodConsumesIsItsDocumentedRequestBody() {
        Map<String, JsonObject> operations = operations();
        List<String> wrong = new ArrayList<>();
        for (Route route : routes.values()) {
            JsonObject op = operations.get(route.key());
            if (route.consumes().isEmpty() || op == null) {
                continue;
            }
            JsonObject content = op.containsKey("requestBody") ? op.getJsonObject("requestBody").getJsonObject("content") : null;
            Set<String> documented = content == null ? Set.of() : content.keySet();
            if (!documented.containsAll(route.consumes())) {
                wrong.add(route.key() + " consumes " + route.consumes() + ", documents " + documented);
            }
        }
        assertTrue(wrong.isEmpty(), "request bodies: " + wrong);
    }

    @Test
    void theV1AliasOfTheOpenAiOperationsIsDocumented() {
        Map<String, String> tagDescriptions = new HashMap<>();
        if (document.containsKey("tags")) {
            for (JsonObject tag : document.getJsonArray("tags").getValuesAs(JsonObject.class)) {
                tagDescriptions.put(tag.getString("name"), tag.getString("description", ""));
            }
        }
        List<String> undocumented = new ArrayList<>();
        for (var op : operations().entrySet()) {
            String path = op.getKey().substring(op.getKey().indexOf(' ') + 1);
            if (!path.startsWith("/api/v1/")) {
                continue;
            }
            String alias = path.substring("/api".length());
            boolean told = op.getValue().getString("description", "").contains(alias)
                    || (op.getValue().getJsonArray("tags") != null && op.getValue().getJsonArray("tags").getValuesAs(JsonString.class).stream()
                    .anyMatch(t -> tagDescriptions.getOrDefault(t.getString(), "").contains(alias)));
            if (!told) {
                undocumented.add(op.getKey());
            }
        }
        assertFalse(operations().keySet().stream().noneMatch(k -> k.contains(" /api/v1/")), "no OpenAI-compatible operation documented");
        assertTrue(undocumented.isEmpty(), "the /v1 alias is not mentioned for " + undocumented);
    }

    /** "METHOD /path" of every operation in the document. */
    private static Map<String, JsonObject> operations() {
        Map<String, JsonObject> ops = new TreeMap<>();
        for (var path : document.getJsonObject("paths").entrySet()) {
            for (var op : path.getValue().asJsonObject().entrySet()) {
                if (OPERATION_KEYS.contains(op.getKey())) {
                    ops.put(op.getKey().toUpperCase() + " " + normalise(path.getKey()), op.getValue().asJsonObject());
                }
            }
        }
        return ops;
    }

    private HttpResponse<String> ask(String method, String path, String key, JsonObject operation) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(SharedStack.stack().baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
        JsonObject content = operation.containsKey("requestBody") ? operation.getJsonObject("requestBody").getJsonObject("content") : null;
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
        if (content != null && content.containsKey("application/json")) {
            b.header("Content-Type", "application/json");
            body = HttpRequest.BodyPublishers.ofString("{}");
        } else if (content != null && content.containsKey("multipart/form-data")) {
            b.header("Content-Type", "multipart/form-data; boundary=probe");
            body = HttpRequest.BodyPublishers.ofString("--probe--\r\n");
        }
        return http.send(b.method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Whether the answer says the route does not exist: 405, or the server's own 404 for an address nothing answers
     * (problem type {@code http-404}, or {@code http_404} in OpenAI's error shape under {@code /v1}). A 404 that says an
     * item does not exist (no such job, voice, model) comes from a route that exists.
     */
    private static boolean routeMissing(HttpResponse<String> r) {
        if (r.statusCode() == 405) {
            return true;
        }
        if (r.statusCode() != 404) {
            return false;
        }
        try {
            JsonObject body = Api.json(r);
            if (body.containsKey("error") && body.get("error").getValueType() == JsonValue.ValueType.OBJECT) {
                return "http_404".equals(body.getJsonObject("error").getString("code", ""));
            }
            String type = body.getString("type", "");
            return type.isEmpty() || type.endsWith("/http-404");
        } catch (RuntimeException notJson) {
            return true;   // not one of the application's own answers
        }
    }

    // --- the routes of the resource classes in the WAR

    private static Map<String, Route> routesOf(java.nio.file.Path webWar) throws Exception {
        assertTrue(Files.isRegularFile(webWar), "no web WAR at " + webWar);
        java.nio.file.Path classes = war.resolve("classes");
        java.nio.file.Path lib = war.resolve("lib");
        Files.createDirectories(classes);
        Files.createDirectories(lib);
        List<String> candidates = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(webWar))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (name.startsWith("WEB-INF/classes/") && name.endsWith(".class")) {
                    byte[] bytes = zip.readAllBytes();
                    java.nio.file.Path target = classes.resolve(name.substring("WEB-INF/classes/".length()));
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes);
                    // Only classes that mention a JAX-RS path are loaded (the others may need the server's libraries).
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    if (text.contains("Ljakarta/ws/rs/Path;") || text.contains("Ljakarta/ws/rs/ApplicationPath;")) {
                        candidates.add(name.substring("WEB-INF/classes/".length(), name.length() - ".class".length()).replace('/', '.'));
                    }
                } else if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
                    Files.write(lib.resolve(name.substring("WEB-INF/lib/".length())), zip.readAllBytes());
                }
            }
        }
        List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
        try (var jars = Files.list(lib)) {
            for (java.nio.file.Path jar : jars.toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        Map<String, Route> found = new TreeMap<>();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), OpenApiIT.class.getClassLoader())) {
            String applicationPath = null;
            List<Class<?>> resources = new ArrayList<>();
            for (String name : candidates) {
                Class<?> c = Class.forName(name, false, loader);
                if (c.isAnnotationPresent(ApplicationPath.class) && Application.class.isAssignableFrom(c)) {
                    assertEquals(null, applicationPath, "two JAX-RS applications");
                    applicationPath = c.getAnnotation(ApplicationPath.class).value();
                    for (String registry : List.of("getClasses", "getSingletons")) {
                        assertEquals(Application.class, c.getMethod(registry).getDeclaringClass(),
                                c.getName() + " lists its resources itself; this test assumes all @Path classes are deployed");
                    }
                } else if (c.isAnnotationPresent(Path.class) && !c.isInterface()) {
                    resources.add(c);
                }
            }
            assertTrue(applicationPath != null, "no @ApplicationPath in the web WAR");
            for (Class<?> c : resources) {
                collect(c, join(applicationPath, c.getAnnotation(Path.class).value()), found, 0);
            }
        }
        return found;
    }

    private static void collect(Class<?> resource, String base, Map<String, Route> found, int depth) {
        if (depth > 5) {
            fail("sub-resources nested too deep under " + base);
        }
        for (Method m : resource.getMethods()) {
            Method annotated = jaxRsAnnotated(m);
            if (annotated == null) {
                continue;
            }
            String path = annotated.isAnnotationPresent(Path.class) ? join(base, annotated.getAnnotation(Path.class).value()) : base;
            String httpMethod = httpMethodOf(annotated);
            if (httpMethod == null) {
                if (annotated.isAnnotationPresent(Path.class)) {   // a sub-resource locator
                    collect(m.getReturnType(), path, found, depth + 1);
                }
                continue;
            }
            Consumes consumes = annotated.getAnnotation(Consumes.class);
            List<String> types = consumes == null ? List.of() : Arrays.stream(consumes.value())
                    .flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).toList();
            Route route = new Route(httpMethod, normalise(path), types, resource.getSimpleName() + "." + m.getName());
            Route before = found.put(route.key(), route);
            assertEquals(null, before, "two resource methods for " + route.key());
        }
    }

    /** The method itself, or the overridden one it inherits its JAX-RS annotations from; null when it has none. */
    private static Method jaxRsAnnotated(Method m) {
        if (jaxRs(m)) {
            return m;
        }
        List<Class<?>> supers = new ArrayList<>();
        if (m.getDeclaringClass().getSuperclass() != null) {
            supers.add(m.getDeclaringClass().getSuperclass());
        }
        supers.addAll(List.of(m.getDeclaringClass().getInterfaces()));
        for (Class<?> s : supers) {
            try {
                Method inherited = jaxRsAnnotated(s.getMethod(m.getName(), m.getParameterTypes()));
                if (inherited != null) {
                    return inherited;
                }
            } catch (NoSuchMethodException notThere) {
                // next one
            }
        }
        return null;
    }

    private static boolean jaxRs(AnnotatedElement e) {
        return e.isAnnotationPresent(Path.class) || httpMethodOf(e) != null;
    }

    private static String httpMethodOf(AnnotatedElement e) {
        for (Annotation a : e.getAnnotations()) {
            HttpMethod h = a.annotationType().getAnnotation(HttpMethod.class);
            if (h != null) {
                return h.value();
            }
        }
        return null;
    }

    private static String join(String base, String path) {
        return "/" + base + "/" + path;
    }

    /** Single slashes, no trailing slash, templates without their regular expressions. */
    static String normalise(String path) {
        String p = TEMPLATE.matcher(path).replaceAll("{$1}").replaceAll("/+", "/");
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
