package io.lurker.gql.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lurker.gql.client.IntegrityToken;
import io.lurker.gql.client.IntegrityTokens;
import io.lurker.gql.client.UpstreamHttp;
import io.lurker.gql.config.GqlConfig;
import io.lurker.gql.config.TwitchUrls;
import io.lurker.gql.repository.HashRegistry;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Runs persisted operations against Twitch's GraphQL, one or a batch per request, and heals
 * what Twitch throws at it: {@code PersistedQueryNotFound} is retried once (it is sometimes
 * transient), then the hashes are rediscovered from the site's bundles and the call retried;
 * {@code failed integrity check} makes integrity-service capture a fresh token and the call is
 * retried once with it. Anonymous operations go without a token; guarded ones carry the token,
 * its device id, client id and user agent (a token is bound to all three).
 */
@ApplicationScoped
public class GqlExecutor {

    private static final Logger LOG = Logger.getLogger(GqlExecutor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String NOT_FOUND = "PersistedQueryNotFound";
    static final String INTEGRITY = "failed integrity check";
    /** Twitch refuses larger batches. */
    public static final int MAX_BATCH = 35;
    private static final Duration FRESH_TOKEN_WAIT = Duration.ofSeconds(120);

    private final UpstreamHttp http;
    private final HashRegistry registry;
    private final HashDiscovery discovery;
    private final IntegrityTokens integrity;
    private final GqlConfig config;
    private final TwitchUrls twitch;
    private final GqlMetrics metrics;

    public GqlExecutor(UpstreamHttp http, HashRegistry registry, HashDiscovery discovery, IntegrityTokens integrity,
                       GqlConfig config, TwitchUrls twitch, GqlMetrics metrics) {
        this.metrics = metrics;
        this.http = http;
        this.registry = registry;
        this.discovery = discovery;
        this.integrity = integrity;
        this.config = config;
        this.twitch = twitch;
    }

    public void requireEnabled() {
        if (!config.enabled()) {
            throw ProblemException.unavailable("GraphQL features are disabled: Twitch's GraphQL is undocumented and outside "
                    + "its developer agreement; set lurker.gql.enabled=true to use them (see gql-gateway/README.md)");
        }
    }

    /** Runs one operation and returns its {@code data}. */
    public JsonNode execute(GqlCall call) {
        return execute(List.of(call)).get(0);
    }

    /** Runs the calls in one request (a batch when more than one) and returns each call's {@code data}, in order. */
    public List<JsonNode> execute(List<GqlCall> calls) {
        requireEnabled();
        if (calls.isEmpty() || calls.size() > MAX_BATCH) {
            throw ProblemException.badParameter("operations", "must hold 1 to " + MAX_BATCH + " operations");
        }
        for (GqlCall call : calls) {
            if (!config.operations().containsKey(call.operation())) {
                throw ProblemException.badParameter("operationName", "'" + call.operation() + "' is not a known operation; known: "
                        + new TreeSet<>(config.operations().keySet()));
            }
        }
        boolean guarded = calls.stream().anyMatch(this::guarded);
        boolean retriedNotFound = false;
        boolean rediscovered = false;
        boolean refreshedToken = false;
        while (true) {
            Map<String, String> hashes = hashes(calls, rediscovered);
            if (hashes == null) {
                discovery.rediscover(Instant.now().minusMillis(1));
                rediscovered = true;
                hashes = hashes(calls, true);
            }
            IntegrityToken token = guarded ? integrity.current() : null;
            Instant attempted = Instant.now();
            List<JsonNode> answers = send(calls, hashes, token);
            List<String> errors = errors(answers);
            if (errors.contains(NOT_FOUND)) {
                if (!retriedNotFound) {
                    retriedNotFound = true;
                    continue;
                }
                if (!rediscovered) {
                    LOG.infof("PersistedQueryNotFound twice for %s: rediscovering hashes", operations(calls));
                    discovery.rediscover(attempted);
                    rediscovered = true;
                    continue;
                }
                throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch GraphQL: " + NOT_FOUND + " for "
                        + operations(calls) + " even with the hashes found on the site", Map.of("upstreamErrors", errors));
            }
            if (errors.contains(INTEGRITY)) {
                if (!guarded || refreshedToken) {
                    throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch GraphQL: " + INTEGRITY + " for "
                            + operations(calls) + (refreshedToken ? " even with a freshly captured token" : ""),
                            Map.of("upstreamErrors", errors));
                }
                LOG.infof("Integrity check failed for %s: asking integrity-service for a fresh token", operations(calls));
                metrics.integrityRefresh();
                integrity.refresh();
                awaitFreshToken();
                refreshedToken = true;
                continue;
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch GraphQL: " + errors.get(0),
                        Map.of("upstreamErrors", errors));
            }
            List<JsonNode> data = new ArrayList<>(answers.size());
            answers.forEach(a -> data.add(a.path("data")));
            return data;
        }
    }

    private boolean guarded(GqlCall call) {
        String need = config.operations().get(call.operation()).integrity();
        return switch (need) {
            case "always" -> true;
            case "paging" -> call.variables() != null && call.variables().hasNonNull("cursor")
                    && !call.variables().path("cursor").asText().isEmpty();
            default -> false;
        };
    }

    /** The registry's hashes for the calls, or null when one is unknown (and discovery has not run yet). */
    private Map<String, String> hashes(List<GqlCall> calls, boolean afterDiscovery) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (GqlCall call : calls) {
            Optional<String> hash = registry.hash(call.operation());
            if (hash.isEmpty()) {
                if (!afterDiscovery) {
                    return null;
                }
                throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "No persisted-query hash known for "
                        + call.operation() + " and none found in the site's scripts");
            }
            hashes.put(call.operation(), hash.get());
        }
        return hashes;
    }

    private List<JsonNode> send(List<GqlCall> calls, Map<String, String> hashes, IntegrityToken token) {
        ArrayNode batch = JSON.createArrayNode();
        for (GqlCall call : calls) {
            ObjectNode item = batch.addObject();
            item.put("operationName", call.operation());
            item.set("variables", call.variables() == null ? JSON.createObjectNode() : call.variables());
            item.putObject("extensions").putObject("persistedQuery").put("version", 1)
                    .put("sha256Hash", hashes.get(call.operation()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "text/plain;charset=UTF-8");
        if (token != null) {
            headers.put("Client-Id", token.clientId());
            headers.put("Client-Integrity", token.token());
            headers.put("X-Device-Id", token.deviceId());
            headers.put("User-Agent", token.userAgent());
        } else {
            headers.put("Client-Id", config.operations().get(calls.get(0).operation()).clientId().orElse(config.clientId()));
            headers.put("User-Agent", config.userAgent());
        }
        String body = calls.size() == 1 ? batch.get(0).toString() : batch.toString();
        UpstreamHttp.Answer answer = http.post(twitch.gqlUrl(), headers, body);
        if (answer.status() != 200) {
            calls.forEach(call -> metrics.upstream(call.operation(), "http_" + answer.status()));
            throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch GraphQL answered HTTP " + answer.status()
                    + upstreamMessage(answer.body()), Map.of("upstreamStatus", answer.status()));
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(answer.body());
        } catch (Exception e) {
            calls.forEach(call -> metrics.upstream(call.operation(), "unreadable"));
            throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch GraphQL answered something that is not JSON");
        }
        List<JsonNode> answers = new ArrayList<>();
        if (parsed.isArray()) {
            parsed.forEach(answers::add);
        } else {
            answers.add(parsed);
        }
        if (answers.size() != calls.size()) {
            calls.forEach(call -> metrics.upstream(call.operation(), "unreadable"));
            throw new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch GraphQL answered " + answers.size()
                    + " results for " + calls.size() + " operations");
        }
        for (int i = 0; i < calls.size(); i++) {
            metrics.upstream(calls.get(i).operation(), outcome(answers.get(i)));
        }
        return answers;
    }

    private static String outcome(JsonNode answer) {
        List<String> errors = errors(List.of(answer));
        if (errors.isEmpty()) {
            return "ok";
        }
        return errors.contains(NOT_FOUND) ? "persisted_query_not_found" : errors.contains(INTEGRITY) ? "integrity_failed" : "graphql_error";
    }

    private void awaitFreshToken() {
        Instant deadline = Instant.now().plus(FRESH_TOKEN_WAIT);
        ProblemException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                integrity.current();
                return;
            } catch (ProblemException e) {
                last = e;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw last != null ? last : ProblemException.unavailable("No fresh integrity token");
    }

    private static List<String> errors(List<JsonNode> answers) {
        List<String> messages = new ArrayList<>();
        for (JsonNode answer : answers) {
            for (JsonNode error : answer.path("errors")) {
                messages.add(error.path("message").asText("unknown error"));
            }
        }
        return messages;
    }

    private static String upstreamMessage(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            String message = node.path("message").asText(node.path("errors").path(0).path("message").asText(""));
            return message.isEmpty() ? "" : ": " + message;
        } catch (Exception e) {
            return "";
        }
    }

    private static String operations(List<GqlCall> calls) {
        return calls.stream().map(GqlCall::operation).distinct().toList().toString();
    }
}
