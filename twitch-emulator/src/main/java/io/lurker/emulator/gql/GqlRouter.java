package io.lurker.emulator.gql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.emulator.counter.Counters;
import io.lurker.emulator.fault.FaultDecision;
import io.lurker.emulator.fault.FaultInjector;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jboss.logging.Logger;

/**
 * {@code POST /gql} (single or batched persisted queries) and {@code POST /integrity}, as
 * gql.twitch.tv answers them: GraphQL failures are HTTP 200 with {@code errors[]}
 * ({@code PersistedQueryNotFound} for unknown or rotated hashes, {@code failed integrity check}
 * for guarded operations without a valid token); header problems are 400s. Operations run on a
 * worker thread (a long VOD's replay is generated on first use), never on the event loop.
 */
@ApplicationScoped
public class GqlRouter {

    private static final Logger LOG = Logger.getLogger(GqlRouter.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Twitch refuses larger batches. */
    static final int MAX_BATCH = 35;

    private final PersistedQueries queries;
    private final GqlOperations operations;
    private final IntegrityTokens integrity;
    private final GqlEmulatorConfig config;
    private final FaultInjector faults;
    private final Counters counters;
    private final ObjectMapper json = GqlOperations.json();
    private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();

    public GqlRouter(PersistedQueries queries, GqlOperations operations, IntegrityTokens integrity,
                     GqlEmulatorConfig config, FaultInjector faults, Counters counters) {
        this.queries = queries;
        this.operations = operations;
        this.integrity = integrity;
        this.config = config;
        this.faults = faults;
        this.counters = counters;
    }

    void register(@Observes Router router) {
        router.route("/gql").order(-11).handler(BodyHandler.create().setBodyLimit(256 * 1024));
        router.route("/gql").order(-10).handler(this::gql);
        router.route("/integrity").order(-11).handler(BodyHandler.create().setBodyLimit(16 * 1024));
        router.route("/integrity").order(-10).handler(this::integrity);
    }

    /** Per operation: ok, persisted_query_not_found, failed_integrity_check, error. */
    public Map<String, Map<String, Long>> outcomes() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        outcomes.forEach((op, map) -> {
            Map<String, Long> inner = new TreeMap<>();
            map.forEach((k, v) -> inner.put(k, v.sum()));
            copy.put(op, inner);
        });
        return copy;
    }

    public void resetOutcomes() {
        outcomes.clear();
    }

    // ---- /gql

    private void gql(RoutingContext ctx) {
        String endpoint = "/gql";
        if (!"POST".equals(ctx.request().method().name())) {
            sendError(ctx, endpoint, 405, "Method Not Allowed", 0);
            return;
        }
        FaultDecision fault = faults.decide(endpoint);
        if (fault.rateLimitStorm() || fault.errorStatus() != 0) {
            int status = fault.rateLimitStorm() ? 429 : fault.errorStatus();
            sendError(ctx, endpoint, status, status == 429 ? "Too Many Requests" : "", fault.latencyMs());
            return;
        }
        String clientId = ctx.request().getHeader("Client-Id");
        if (clientId == null || clientId.isBlank()) {
            sendError(ctx, endpoint, 400, "The \"Client-ID\" header is missing from the request.", fault.latencyMs());
            return;
        }
        if (!acceptedClients().contains(clientId.trim())) {
            sendError(ctx, endpoint, 400, "The \"Client-ID\" header is invalid.", fault.latencyMs());
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body().buffer() == null ? "" : ctx.body().asString());
        } catch (Exception e) {
            body = null;
        }
        if (body == null || !(body.isObject() || body.isArray()) || (body.isArray() && body.isEmpty())) {
            sendError(ctx, endpoint, 400, "The request body must be a GraphQL request object or a non-empty array of them.",
                    fault.latencyMs());
            return;
        }
        if (body.isArray() && body.size() > MAX_BATCH) {
            sendError(ctx, endpoint, 400, "Too many operations in one batch: at most " + MAX_BATCH, fault.latencyMs());
            return;
        }
        Caller caller = new Caller(clientId.trim(), ctx.request().getHeader("Client-Integrity"),
                ctx.request().getHeader("X-Device-Id"), ctx.request().getHeader("User-Agent"),
                ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress());
        JsonNode request = body;
        ctx.vertx().<JsonNode>executeBlocking(() -> {
            if (request.isArray()) {
                ArrayNode answers = NODES.arrayNode();
                request.forEach(item -> answers.add(answer(item, caller)));
                return answers;
            }
            return answer(request, caller);
        }, false).onComplete(result -> {
            if (result.succeeded()) {
                send(ctx, endpoint, 200, result.result(), fault.latencyMs());
            } else {
                LOG.errorf(result.cause(), "/gql failed");
                sendError(ctx, endpoint, 500, "Internal Server Error", 0);
            }
        });
    }

    private record Caller(String clientId, String token, String deviceId, String userAgent, String address) {
    }

    private JsonNode answer(JsonNode item, Caller caller) {
        String operation = item.path("operationName").asText("");
        String hash = item.path("extensions").path("persistedQuery").path("sha256Hash").asText("");
        JsonNode variables = item.path("variables");
        if (!item.isObject() || queries.takeTransientFailure() || !queries.accepts(operation, hash)) {
            outcome(operation, "persisted_query_not_found");
            ObjectNode answer = NODES.objectNode();
            answer.putArray("errors").addObject().put("message", "PersistedQueryNotFound");
            answer.putObject("extensions").put("operationName", operation.isEmpty() ? null : operation);
            return answer;
        }
        if (operations.guarded(operation, variables)) {
            IntegrityTokens.Verdict verdict = integrity.verify(caller.token(), caller.clientId(), caller.deviceId(),
                    caller.userAgent(), caller.address());
            if (verdict != IntegrityTokens.Verdict.OK) {
                outcome(operation, "failed_integrity_check");
                return operations.integrityFailure(operation, variables.isObject() ? variables : NODES.objectNode());
            }
        }
        try {
            ObjectNode answer = operations.execute(operation, variables);
            outcome(operation, "ok");
            return answer;
        } catch (GqlOperations.GqlError e) {
            outcome(operation, "error");
            ObjectNode answer = NODES.objectNode();
            answer.putArray("errors").addObject().put("message", e.getMessage());
            answer.putObject("extensions").put("operationName", operation);
            return answer;
        }
    }

    private void outcome(String operation, String outcome) {
        String key = operation.isEmpty() ? "(none)" : operation;
        outcomes.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, k -> new LongAdder())
                .increment();
    }

    private Set<String> acceptedClients() {
        Set<String> clients = new HashSet<>();
        clients.add(config.webClientId());
        config.extraClientIds().ifPresent(clients::addAll);
        return clients;
    }

    // ---- /integrity

    private void integrity(RoutingContext ctx) {
        String endpoint = "/integrity";
        if (!"POST".equals(ctx.request().method().name())) {
            sendError(ctx, endpoint, 405, "Method Not Allowed", 0);
            return;
        }
        FaultDecision fault = faults.decide(endpoint);
        if (fault.rateLimitStorm() || fault.errorStatus() != 0) {
            int status = fault.rateLimitStorm() ? 429 : fault.errorStatus();
            sendError(ctx, endpoint, status, status == 429 ? "Too Many Requests" : "", fault.latencyMs());
            return;
        }
        String clientId = ctx.request().getHeader("Client-Id");
        if (clientId == null || !acceptedClients().contains(clientId.trim())) {
            sendError(ctx, endpoint, 400, "The \"Client-ID\" header is missing or invalid.", fault.latencyMs());
            return;
        }
        String deviceId = ctx.request().getHeader("X-Device-Id");
        if (deviceId == null || !deviceId.matches("[A-Za-z0-9]{16,64}")) {
            sendError(ctx, endpoint, 400, "The \"X-Device-Id\" header is missing or malformed.", fault.latencyMs());
            return;
        }
        JsonNode body;
        try {
            body = json.readTree(ctx.body().buffer() == null ? "{}" : ctx.body().asString());
        } catch (Exception e) {
            body = NODES.objectNode();
        }
        if (!integrity.challengeAnswered(body.path("challenge").asText(null), body.path("proof").asText(null), deviceId)) {
            sendError(ctx, endpoint, 400, "The integrity challenge was not answered.", fault.latencyMs());
            return;
        }
        String address = ctx.request().remoteAddress() == null ? "" : ctx.request().remoteAddress().hostAddress();
        IntegrityTokens.Grant grant = integrity.issue(clientId.trim(), deviceId, ctx.request().getHeader("User-Agent"), address);
        ObjectNode answer = NODES.objectNode();
        answer.put("token", grant.token());
        answer.put("expiration", grant.expiration());
        answer.put("request_id", java.util.UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT).substring(0, 26));
        send(ctx, endpoint, 200, answer, fault.latencyMs());
    }

    // ---- answers

    private void sendError(RoutingContext ctx, String endpoint, int status, String message, long latencyMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", switch (status) {
            case 400 -> "Bad Request";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        });
        body.put("status", status);
        body.put("message", message);
        send(ctx, endpoint, status, json.valueToTree(body), latencyMs);
    }

    private void send(RoutingContext ctx, String endpoint, int status, JsonNode body, long latencyMs) {
        counters.count(endpoint, status);
        Buffer buffer;
        try {
            buffer = Buffer.buffer(json.writeValueAsBytes(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(500).end();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status);
        response.putHeader("Content-Type", "application/json");
        if (latencyMs > 0) {
            ctx.vertx().setTimer(latencyMs, id -> {
                if (!response.ended() && !response.closed()) {
                    response.end(buffer);
                }
            });
        } else {
            response.end(buffer);
        }
    }
}
