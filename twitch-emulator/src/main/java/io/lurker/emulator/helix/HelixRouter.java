package io.lurker.emulator.helix;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.emulator.auth.AccessToken;
import io.lurker.emulator.auth.AuthStore;
import io.lurker.emulator.counter.Counters;
import io.lurker.emulator.fault.FaultDecision;
import io.lurker.emulator.fault.FaultInjector;
import io.lurker.emulator.ratelimit.RateDecision;
import io.lurker.emulator.ratelimit.RateLimiter;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Serves {@code /helix/*} on the event loop: authentication (Client-Id and bearer token, 401
 * like Twitch), the rate-limit bucket of the token (headers on every answer, 429 when empty),
 * injected faults, then the endpoint. Every call is counted per endpoint and status.
 */
@ApplicationScoped
public class HelixRouter {

    private static final Logger LOG = Logger.getLogger(HelixRouter.class);
    private static final String PREFIX = "/helix";

    private final HelixEndpoints endpoints;
    private final AuthStore auth;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final Counters counters;
    private final ObjectMapper json;
    private final Vertx vertx;
    private Map<String, Function<HelixRequest, Map<String, Object>>> routes;

    public HelixRouter(HelixEndpoints endpoints, AuthStore auth, RateLimiter rateLimiter, FaultInjector faults,
                       Counters counters, ObjectMapper json, Vertx vertx) {
        this.endpoints = endpoints;
        this.auth = auth;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.counters = counters;
        this.json = json;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        routes = endpoints.routes();
        router.route(PREFIX + "/*").order(-10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath().substring(PREFIX.length());
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String endpoint = PREFIX + path;
        if (HelixEndpoints.REMOVED.contains(path)) {
            error(ctx, endpoint, 410, "This API is not available.", null, 0);
            return;
        }
        Function<HelixRequest, Map<String, Object>> handler = routes.get(path);
        if (handler == null) {
            error(ctx, PREFIX + "/(unknown)", 404, "Not Found", null, 0);
            return;
        }
        if (ctx.request().method() != HttpMethod.GET) {
            error(ctx, endpoint, 405, "Method Not Allowed", null, 0);
            return;
        }
        String authorization = ctx.request().getHeader("Authorization");
        String clientId = ctx.request().getHeader("Client-Id");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            unauthorized(ctx, endpoint, "OAuth token is missing");
            return;
        }
        AccessToken token = auth.usable(authorization.substring(7).trim());
        if (token == null) {
            unauthorized(ctx, endpoint, "Invalid OAuth token");
            return;
        }
        if (clientId == null || clientId.isBlank()) {
            unauthorized(ctx, endpoint, "Client ID is missing");
            return;
        }
        if (!token.clientId().equals(clientId.trim())) {
            unauthorized(ctx, endpoint, "Client ID and OAuth token do not match");
            return;
        }
        FaultDecision fault = faults.decide(endpoint);
        String bucket = token.bucket();
        if (fault.rateLimitStorm()) {
            error(ctx, endpoint, 429, "Too Many Requests", rateLimiter.storm(bucket), fault.latencyMs());
            return;
        }
        RateDecision rate = rateLimiter.take(bucket);
        if (!rate.allowed()) {
            error(ctx, endpoint, 429, "Too Many Requests", rate, fault.latencyMs());
            return;
        }
        if (fault.errorStatus() != 0) {
            error(ctx, endpoint, fault.errorStatus(), "", rate, fault.latencyMs());
            return;
        }
        Map<String, Object> body;
        try {
            body = handler.apply(new HelixRequest(ctx.queryParams(), token));
        } catch (HelixException e) {
            error(ctx, endpoint, e.status(), e.getMessage(), rate, fault.latencyMs());
            return;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Helix %s failed", endpoint);
            error(ctx, endpoint, 500, "Internal Server Error", rate, fault.latencyMs());
            return;
        }
        send(ctx, endpoint, 200, body, rate, fault.latencyMs());
    }

    private void unauthorized(RoutingContext ctx, String endpoint, String message) {
        ctx.response().putHeader("WWW-Authenticate", "OAuth realm=\"TwitchTV\", error=\"invalid_token\"");
        error(ctx, endpoint, 401, message, null, 0);
    }

    private void error(RoutingContext ctx, String endpoint, int status, String message, RateDecision rate, long latencyMs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", HelixException.reason(status));
        body.put("status", status);
        body.put("message", message);
        send(ctx, endpoint, status, body, rate, latencyMs);
    }

    private void send(RoutingContext ctx, String endpoint, int status, Map<String, Object> body, RateDecision rate,
                      long latencyMs) {
        counters.count(endpoint, status);
        Buffer buffer;
        try {
            buffer = Buffer.buffer(json.writeValueAsBytes(body));
        } catch (Exception e) {
            LOG.errorf(e, "Cannot write the answer of %s", endpoint);
            ctx.response().setStatusCode(500).end();
            return;
        }
        HttpServerResponse response = ctx.response();
        response.setStatusCode(status);
        response.putHeader("Content-Type", "application/json; charset=utf-8");
        if (rate != null) {
            response.putHeader("Ratelimit-Limit", Integer.toString(rate.limit()));
            response.putHeader("Ratelimit-Remaining", Integer.toString(rate.remaining()));
            response.putHeader("Ratelimit-Reset", Long.toString(rate.resetEpochSeconds()));
        }
        if (latencyMs > 0) {
            vertx.setTimer(latencyMs, id -> {
                if (!response.ended() && !response.closed()) {
                    response.end(buffer);
                }
            });
        } else {
            response.end(buffer);
        }
    }
}
