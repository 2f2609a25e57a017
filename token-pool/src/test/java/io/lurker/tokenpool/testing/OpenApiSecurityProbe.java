package io.lurker.tokenpool.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.tokenpool.security.ApiRoles;
import io.lurker.tokenpool.security.RevocationConfig;
import io.lurker.tokenpool.security.RevocationList;
import io.quarkus.arc.InjectableInstance;
import io.smallrye.jwt.build.Jwt;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.awaitility.Awaitility;

/**
 * Probes every operation of a running service, enumerated from its OpenAPI document
 * ({@code /q/openapi?format=json}), never from a hand list:
 * <ul>
 * <li>{@link #checkAuthentication()}: no token, a malformed token, a token signed by another key
 * and an expired token → 401 problem+json; a token without any role the operation admits → 403
 * problem+json;</li>
 * <li>{@link #checkRevoked(String)}: the hook for revocation; a revoked token → 401 on every operation;</li>
 * <li>{@link #checkHostileInput()}: every path, query and JSON body parameter receives hostile values
 * (SQL injection, over-long, wrong types, unicode edge cases, negative and huge numbers) with a
 * token carrying an admitted role; every answer is below 500, never 401/403, and any 4xx is
 * problem+json without a stack trace.</li>
 * </ul>
 * Each check collects every violation and throws one {@link AssertionError} listing them all.
 *
 * <p>Roles per operation come from the scopes of the OpenAPI security requirement when the document
 * lists them. Quarkus 3.33 writes the requirement of a {@code @RolesAllowed} operation with an empty
 * scope list, so then each of {@link ApiRoles}'s roles is tried with the sample request and a 403
 * tells which are refused.
 *
 * <pre>{@code
 * OpenApiSecurityProbe probe = OpenApiSecurityProbe.at(URI.create("http://localhost:" + port));
 * probe.checkAuthentication();
 * probe.checkHostileInput();
 * }</pre>
 */
public final class OpenApiSecurityProbe {

    /** Role sets tried when an operation declares none, and the roles a wrong token may carry. */
    public static final List<String> ROLES = List.of(ApiRoles.ADMIN, ApiRoles.READ, ApiRoles.INTERNAL);
    private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final URI base;
    private final HttpClient http;
    private final JsonNode document;
    private final List<Operation> operations;
    private final Map<String, String> samples = new LinkedHashMap<>();
    private Predicate<Operation> hostileSkip = op -> false;
    private Duration timeout = Duration.ofSeconds(30);
    private int requests;
    private final Set<String> sentTokens = new LinkedHashSet<>();

    private OpenApiSecurityProbe(URI base, JsonNode document) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        this.document = document;
        this.operations = List.copyOf(enumerate(document));
    }

    /** Reads the OpenAPI document of the service listening at {@code base} (e.g. {@code http://localhost:8086}). */
    public static OpenApiSecurityProbe at(URI base) {
        HttpClient client = HttpClient.newHttpClient();
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("GET /q/openapi answered " + answer.statusCode());
            }
            return new OpenApiSecurityProbe(base, JSON.readTree(answer.body()));
        } catch (IOException e) {
            throw new AssertionError("Cannot read the OpenAPI document of " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Convenience for {@code @QuarkusTest}s: {@code at(URI.create("http://localhost:" + port))}. */
    public static OpenApiSecurityProbe atPort(int port) {
        return at(URI.create("http://localhost:" + port));
    }

    /**
     * A plausible value for a path or query parameter of this name used where the probe needs the
     * request to reach the operation (authentication checks, and the other parameters while one
     * is hostile). Without one the probe uses a value fitting the parameter's schema.
     */
    public OpenApiSecurityProbe sample(String parameter, String value) {
        samples.put(parameter, value);
        return this;
    }

    /** Leaves operations out of the hostile-input check (e.g. ones that launch a browser); never out of the authentication check. */
    public OpenApiSecurityProbe skipHostile(Predicate<Operation> skip) {
        this.hostileSkip = skip;
        return this;
    }

    public OpenApiSecurityProbe timeout(Duration perRequest) {
        this.timeout = perRequest;
        return this;
    }

    /** Every operation of the document. */
    public List<Operation> operations() {
        return operations;
    }

    /** Every token the probe sent (valid, expired, foreign, revoked): none may appear in the service's logs ({@link LogCapture}). */
    public Set<String> sentTokens() {
        return Set.copyOf(sentTokens);
    }

    /** How many requests the probe sent so far. */
    public int requests() {
        return requests;
    }

    public JsonNode document() {
        return document;
    }

    /**
     * No token, a malformed token, a token signed by another key and an expired token → 401
     * problem+json; a token carrying none of the admitted roles (each other role, and no role at
     * all) → 403 problem+json. Returns the admitted roles found per operation.
     */
    public Map<Operation, Set<String>> checkAuthentication() {
        if (operations.isEmpty()) {
            throw new AssertionError("The OpenAPI document lists no operation");
        }
        List<String> violations = new ArrayList<>();
        Map<Operation, Set<String>> admitted = new LinkedHashMap<>();
        String foreign = foreignKeyToken();
        for (Operation op : operations) {
            Set<String> roles = admittedRoles(op, violations);
            admitted.put(op, roles);
            String declared = roles.isEmpty() ? String.join(",", ROLES) : String.join(",", roles);
            expect(op, null, 401, "no token", violations);
            expect(op, "not-a-jwt", 401, "malformed token", violations);
            expect(op, foreign, 401, "token signed by another key (roles " + declared + ")", violations);
            expect(op, TestTokens.expired(ROLES.toArray(String[]::new)), 401, "expired token (all roles)", violations);
            expect(op, TestTokens.withRoles(), 403, "token without roles", violations);
            for (String role : ROLES) {
                if (!roles.contains(role)) {
                    expect(op, TestTokens.withRoles(role), 403, "wrong role " + role, violations);
                }
            }
            if (roles.isEmpty()) {
                violations.add(op + ": admits no role at all");
            }
        }
        fail("authentication", violations);
        return admitted;
    }

    /**
     * Revocation hook: a token that the service was told is revoked (carrying every role) must be
     * refused with 401 problem+json by every operation. The caller revokes it first.
     */
    public void checkRevoked(String revokedToken) {
        List<String> violations = new ArrayList<>();
        for (Operation op : operations) {
            expect(op, revokedToken, 401, "revoked token", violations);
        }
        fail("revocation", violations);
    }

    /**
     * Revocation end to end, the way production revokes: a token with every role and a fresh id is
     * shown accepted by {@code call}, revoked with {@link RevocationList#revoke} (what auth-service's
     * {@code DELETE /api/v1/api-tokens/{id}} does: the Redis set {@code <prefix>jwt:revoked} and a
     * message on {@code <prefix>jwt:revocations}) through a list of its own, so that the service learns
     * of it only through Redis; once {@code call} answers 401, every operation is probed with it
     * ({@link #checkRevoked}). No log line may carry the token. The service's revocation prefix must be
     * a test prefix ({@code lurker-test:}), never the shared one.
     *
     * @param call sends one request the token is admitted to and returns the status
     */
    public void checkRevokedThroughList(RevocationConfig config, InjectableInstance<Redis> redis, Vertx vertx,
            ToIntFunction<String> call) {
        if (!config.prefix().startsWith("lurker-test:")) {
            throw new AssertionError("the service's revocation prefix is not a test prefix: " + config.prefix());
        }
        String jti = "probe-" + UUID.randomUUID();
        String token = TestTokens.withId(jti, ApiRoles.ADMIN, ApiRoles.READ, ApiRoles.INTERNAL);
        try (LogCapture logs = LogCapture.start()) {
            int before = call.applyAsInt(token);
            if (before != 200) {
                throw new AssertionError("the token was not accepted before its revocation: " + before);
            }
            new RevocationList(config, redis, vertx).revoke(jti, Instant.now().plusSeconds(3600)).await().atMost(Duration.ofSeconds(30));
            Awaitility.await("the revoked token refused").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> call.applyAsInt(token) == 401);
            checkRevoked(token);
            logs.assertNoneOf(List.of(token));
        }
    }

    /**
     * Sends hostile values to every parameter of every operation (one parameter at a time, the
     * others at their sample values) with a token carrying an admitted role. Every answer must be
     * below 500 and not 401/403; a 4xx must be problem+json; no answer may hold a stack trace.
     */
    public void checkHostileInput() {
        List<String> violations = new ArrayList<>();
        for (Operation op : operations) {
            if (hostileSkip.test(op)) {
                continue;
            }
            Set<String> roles = op.declaredRoles().isEmpty() ? Set.copyOf(ROLES) : op.declaredRoles();
            String token = TestTokens.withRoles(roles.toArray(String[]::new));
            for (Parameter p : op.parameters()) {
                for (String value : Hostile.strings(p.schemaType())) {
                    Map<String, String> values = sampleValues(op);
                    values.put(p.name(), value);
                    String body = sampleBodyText(op);
                    hostile(op, token, values, body, p.in() + " " + p.name() + "=" + Hostile.describe(value), violations);
                }
            }
            if (op.body() != null) {
                JsonNode sample = sampleBody(op.body());
                for (Map.Entry<String, JsonNode> variant : Hostile.bodies(sample, op.body(), this::resolve).entrySet()) {
                    hostile(op, token, sampleValues(op), variant.getValue().toString(), variant.getKey(), violations);
                }
                for (Map.Entry<String, String> raw : Hostile.rawBodies().entrySet()) {
                    hostile(op, token, sampleValues(op), raw.getValue(), raw.getKey(), violations);
                }
            } else if (op.textBody()) {
                for (String value : Hostile.STRINGS) {
                    hostile(op, token, sampleValues(op), value, "text body " + Hostile.describe(value), violations);
                }
                hostile(op, token, sampleValues(op), "x".repeat(2_000_000), "text body of 2 000 000 characters", violations);
            }
        }
        fail("hostile input", violations);
    }

    // ---- requests

    private void expect(Operation op, String token, int status, String what, List<String> violations) {
        Answer answer = send(op, token, sampleValues(op), sampleBodyText(op));
        if (answer.status() != status) {
            violations.add(op + " with " + what + ": expected " + status + ", got " + answer.status() + " " + answer.excerpt());
        } else if (!answer.isProblem()) {
            violations.add(op + " with " + what + ": " + status + " without application/problem+json (" + answer.contentType() + ")");
        }
    }

    private void hostile(Operation op, String token, Map<String, String> values, String body, String what, List<String> violations) {
        Answer answer = send(op, token, values, body);
        String where = op + " with " + what;
        if (answer.status() >= 500) {
            violations.add(where + ": " + answer.status() + " " + answer.excerpt());
        } else if (answer.status() == 401 || answer.status() == 403) {
            violations.add(where + ": refused an admitted role with " + answer.status());
        } else if (answer.status() >= 400 && !answer.isProblem()) {
            violations.add(where + ": " + answer.status() + " without application/problem+json (" + answer.contentType() + ")");
        }
        if (answer.body().contains("\tat ") || answer.body().contains("Exception:")) {
            violations.add(where + ": the answer holds a stack trace or exception text: " + answer.excerpt());
        }
    }

    private Set<String> admittedRoles(Operation op, List<String> violations) {
        if (!op.declaredRoles().isEmpty()) {
            return op.declaredRoles();
        }
        Set<String> admitted = new LinkedHashSet<>();
        for (String role : ROLES) {
            Answer answer = send(op, TestTokens.withRoles(role), sampleValues(op), sampleBodyText(op));
            if (answer.status() != 403 && answer.status() != 401) {
                admitted.add(role);
            }
        }
        return admitted;
    }

    private Answer send(Operation op, String token, Map<String, String> values, String body) {
        StringBuilder path = new StringBuilder();
        String template = op.path();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                path.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            path.append(template, i, open);
            String name = template.substring(open + 1, close);
            path.append(encodePath(values.getOrDefault(name, "probe")));
            i = close + 1;
        }
        StringBuilder query = new StringBuilder();
        for (Parameter p : op.parameters()) {
            if ("query".equals(p.in()) && values.containsKey(p.name())) {
                query.append(query.length() == 0 ? '?' : '&').append(encodeQuery(p.name())).append('=')
                        .append(encodeQuery(values.get(p.name())));
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path + query))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
            sentTokens.add(token);
        }
        if (body != null) {
            request.header("Content-Type", op.body() == null && op.textBody() ? "text/plain; charset=UTF-8" : "application/json");
            request.method(op.method(), HttpRequest.BodyPublishers.ofByteArray(Hostile.bytes(body)));
        } else {
            request.method(op.method(), HttpRequest.BodyPublishers.noBody());
        }
        requests++;
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""), answer.body());
        } catch (IOException e) {
            return new Answer(599, "", "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Percent-encodes every byte outside the unreserved set; lone surrogates travel as their (invalid) UTF-8 bytes. */
    static String encodePath(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : Hostile.bytes(value)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    private static String encodeQuery(String value) {
        return Hostile.isLoneSurrogate(value) ? encodePath(value) : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Map<String, String> sampleValues(Operation op) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            String sample = samples.get(p.name());
            if (sample != null) {
                values.put(p.name(), sample);
            } else if ("path".equals(p.in()) || p.required()) {
                values.put(p.name(), sampleFor(p.schema()));
            }
        }
        return values;
    }

    private String sampleFor(JsonNode schema) {
        JsonNode s = resolve(schema);
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(0).asText();
        }
        if (s.has("default")) {
            return s.get("default").asText();
        }
        return switch (s.path("type").asText("string")) {
            case "integer", "number" -> "1";
            case "boolean" -> "true";
            default -> "date-time".equals(s.path("format").asText()) ? Instant.now().minusSeconds(3600).toString() : "probe";
        };
    }

    private String sampleBodyText(Operation op) {
        return op.body() != null ? sampleBody(op.body()).toString() : op.textBody() ? "probe" : null;
    }

    JsonNode sampleBody(JsonNode schema) {
        return sampleNode(resolve(schema), 0);
    }

    private JsonNode sampleNode(JsonNode schema, int depth) {
        JsonNode s = resolve(schema);
        if (depth > 6) {
            return NODES.nullNode();
        }
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(0);
        }
        if (s.has("example") && !s.has("type") && !s.has("properties")) {
            return s.get("example").deepCopy();
        }
        String type = s.path("type").asText(s.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode node = NODES.objectNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    node.set(field.getKey(), sampleNode(field.getValue(), depth + 1));
                }
                return node;
            }
            case "array": {
                ArrayNode node = NODES.arrayNode();
                node.add(sampleNode(s.path("items"), depth + 1));
                return node;
            }
            case "integer":
            case "number":
                return NODES.numberNode(1);
            case "boolean":
                return NODES.booleanNode(true);
            default:
                return NODES.textNode("date-time".equals(s.path("format").asText()) ? Instant.now().minusSeconds(3600).toString() : "probe");
        }
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema == null ? NODES.objectNode() : schema;
        for (int i = 0; i < 10 && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText();
            s = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
        }
        if (s.has("allOf") && s.get("allOf").size() == 1) {
            return resolve(s.get("allOf").get(0));
        }
        if (s.has("oneOf") && s.get("oneOf").size() > 0) {
            return resolve(s.get("oneOf").get(0));
        }
        if (s.has("anyOf") && s.get("anyOf").size() > 0) {
            return resolve(s.get("anyOf").get(0));
        }
        return s;
    }

    // ---- the document

    private List<Operation> enumerate(JsonNode doc) {
        List<Operation> out = new ArrayList<>();
        JsonNode global = doc.path("security");
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Parameter> shared = parameters(path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext();) {
                Map.Entry<String, JsonNode> method = methods.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                List<Parameter> params = new ArrayList<>(shared);
                for (Parameter p : parameters(op.path("parameters"))) {
                    params.removeIf(q -> q.name().equals(p.name()) && q.in().equals(p.in()));
                    params.add(p);
                }
                params.removeIf(p -> !"path".equals(p.in()) && !"query".equals(p.in()));
                JsonNode security = op.has("security") ? op.get("security") : global;
                Set<String> roles = new LinkedHashSet<>();
                for (JsonNode requirement : security) {
                    for (JsonNode scopes : requirement) {
                        scopes.forEach(scope -> roles.add(scope.asText()));
                    }
                }
                JsonNode content = op.path("requestBody").path("content");
                JsonNode body = content.path("application/json").path("schema");
                if (body.isMissingNode() || "binary".equals(body.path("format").asText())) {
                    body = exampleSchema(content.path("application/json"));
                }
                boolean text = content.has("text/plain");
                out.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), op.path("operationId").asText(null),
                        Set.copyOf(roles), List.copyOf(params), body.isMissingNode() ? null : body, text));
            }
        }
        return out;
    }

    /** A body without a schema (read as a stream) is sampled from its documented example. */
    private static JsonNode exampleSchema(JsonNode media) {
        JsonNode example = media.has("example") ? media.get("example") : null;
        if (example == null && media.path("examples").size() > 0) {
            example = media.path("examples").elements().next().path("value");
        }
        if (example == null || example.isMissingNode()) {
            return media.isMissingNode() ? NODES.missingNode() : NODES.objectNode();
        }
        if (example.isTextual()) {
            try {
                example = JSON.readTree(example.asText());
            } catch (IOException e) {
                // a plain string example stays a string
            }
        }
        return NODES.objectNode().set("example", example);
    }

    private List<Parameter> parameters(JsonNode list) {
        List<Parameter> out = new ArrayList<>();
        for (JsonNode p : list) {
            JsonNode param = resolve(p);
            out.add(new Parameter(param.path("name").asText(), param.path("in").asText(), param.path("required").asBoolean(false),
                    param.path("schema")));
        }
        return out;
    }

    private String foreignKeyToken() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ApiRoles.ISSUER).subject("intruder").claim("jti", UUID.randomUUID().toString())
                    .groups(Set.copyOf(ROLES)).expiresAt(Instant.now().plusSeconds(3600))
                    .jws().keyId("test").sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void fail(String check, List<String> violations) {
        if (!violations.isEmpty()) {
            throw new AssertionError(violations.size() + " " + check + " violation(s):\n  " + String.join("\n  ", violations));
        }
    }

    /** One operation of the OpenAPI document. */
    public record Operation(String method, String path, String operationId, Set<String> declaredRoles,
            List<Parameter> parameters, JsonNode body, boolean textBody) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A path or query parameter. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
        String schemaType() {
            return schema == null ? "string" : schema.path("type").asText("string");
        }
    }

    private record Answer(int status, String contentType, String body) {
        boolean isProblem() {
            return contentType.toLowerCase(Locale.ROOT).startsWith("application/problem+json");
        }

        String excerpt() {
            String oneLine = body.replaceAll("\\s+", " ");
            return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
        }
    }
}
