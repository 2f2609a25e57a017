package io.lurker.emulator.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.emulator.counter.Counters;
import io.lurker.emulator.fault.FaultDecision;
import io.lurker.emulator.fault.FaultInjector;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Serves id.twitch.tv's {@code /oauth2/token}, {@code /oauth2/device}, {@code /oauth2/validate}
 * and {@code /oauth2/revoke}. Parameters are read from the form body or the query string (Twitch
 * accepts both); errors are {@code {"status":..,"message":..}} as Twitch sends them.
 */
@ApplicationScoped
public class OAuthRouter {

    private static final Logger LOG = Logger.getLogger(OAuthRouter.class);

    private final AuthStore auth;
    private final FaultInjector faults;
    private final Counters counters;
    private final ObjectMapper json;
    private final Vertx vertx;

    public OAuthRouter(AuthStore auth, FaultInjector faults, Counters counters, ObjectMapper json, Vertx vertx) {
        this.auth = auth;
        this.faults = faults;
        this.counters = counters;
        this.json = json;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.route("/oauth2/*").order(-11).handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.route("/oauth2/*").order(-10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String raw = ctx.normalizedPath();
        String path = raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw;
        FaultDecision fault = faults.decide(path);
        if (fault.errorStatus() != 0 || fault.rateLimitStorm()) {
            int status = fault.rateLimitStorm() ? 429 : fault.errorStatus();
            send(ctx, path, status, message(status, status == 429 ? "Too Many Requests" : "Internal Server Error"),
                    fault.latencyMs());
            return;
        }
        try {
            switch (path) {
                case "/oauth2/token" -> requirePost(ctx, () -> token(ctx, path, fault.latencyMs()));
                case "/oauth2/device" -> requirePost(ctx, () -> device(ctx, path, fault.latencyMs()));
                case "/oauth2/revoke" -> requirePost(ctx, () -> revoke(ctx, path, fault.latencyMs()));
                case "/oauth2/validate" -> validate(ctx, path, fault.latencyMs());
                default -> send(ctx, "/oauth2/(unknown)", 404, message(404, "page not found"), 0);
            }
        } catch (AuthException e) {
            send(ctx, path, e.status(), message(e.status(), e.getMessage()), fault.latencyMs());
        } catch (IllegalArgumentException e) {
            send(ctx, path, 400, message(400, e.getMessage()), fault.latencyMs());
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s failed", path);
            send(ctx, path, 500, message(500, "Internal Server Error"), fault.latencyMs());
        }
    }

    private void requirePost(RoutingContext ctx, Runnable action) {
        if (ctx.request().method() != HttpMethod.POST) {
            throw new AuthException(405, "method not allowed");
        }
        action.run();
    }

    private static MultiMap params(RoutingContext ctx) {
        MultiMap all = MultiMap.caseInsensitiveMultiMap();
        all.addAll(ctx.queryParams());
        all.addAll(ctx.request().formAttributes());
        return all;
    }

    private static List<String> scopes(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(value.trim().split("[ +]+")));
    }

    private void token(RoutingContext ctx, String path, long latency) {
        MultiMap p = params(ctx);
        String grant = p.get("grant_type");
        if (grant == null || grant.isBlank()) {
            throw new AuthException(400, "missing grant_type");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        switch (grant) {
            case "client_credentials" -> {
                AccessToken token = auth.clientCredentials(p.get("client_id"), p.get("client_secret"));
                body.put("access_token", token.value());
                body.put("expires_in", token.expiresInSeconds(auth.now()));
                body.put("token_type", "bearer");
            }
            case "refresh_token" -> userGrant(body, auth.refresh(p.get("client_id"), p.get("client_secret"),
                    p.get("refresh_token")));
            case AuthStore.DEVICE_GRANT_TYPE -> userGrant(body, auth.redeemDevice(p.get("client_id"), p.get("device_code")));
            default -> throw new AuthException(400, "unsupported grant_type");
        }
        send(ctx, path, 200, body, latency);
    }

    private void userGrant(Map<String, Object> body, UserGrant grant) {
        body.put("access_token", grant.token().value());
        body.put("expires_in", grant.token().expiresInSeconds(auth.now()));
        body.put("refresh_token", grant.account().refreshToken());
        body.put("scope", grant.token().scopes());
        body.put("token_type", "bearer");
    }

    private void device(RoutingContext ctx, String path, long latency) {
        MultiMap p = params(ctx);
        AuthStore.DeviceStart start = auth.startDevice(p.get("client_id"), scopes(p.get("scopes")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_code", start.deviceCode());
        body.put("expires_in", start.expiresIn());
        body.put("interval", 5);
        body.put("user_code", start.userCode());
        body.put("verification_uri", "https://www.twitch.tv/activate?device-code=" + start.userCode());
        send(ctx, path, 200, body, latency);
    }

    private void revoke(RoutingContext ctx, String path, long latency) {
        MultiMap p = params(ctx);
        auth.revoke(p.get("client_id"), p.get("token"));
        counters.count(path, 200);
        HttpServerResponse response = ctx.response().setStatusCode(200);
        if (latency > 0) {
            vertx.setTimer(latency, id -> response.end());
        } else {
            response.end();
        }
    }

    private void validate(RoutingContext ctx, String path, long latency) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw new AuthException(401, "missing authorization token");
        }
        String value = header.trim();
        if (value.regionMatches(true, 0, "OAuth ", 0, 6)) {
            value = value.substring(6).trim();
        } else if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        AccessToken token = auth.usable(value);
        if (token == null) {
            throw new AuthException(401, "invalid access token");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", token.clientId());
        if (token.isUserToken()) {
            body.put("login", token.login());
        }
        body.put("scopes", token.scopes().isEmpty() ? null : token.scopes());
        if (token.isUserToken()) {
            body.put("user_id", token.userId());
        }
        body.put("expires_in", token.expiresInSeconds(auth.now()));
        send(ctx, path, 200, body, latency);
    }

    private static Map<String, Object> message(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("message", message);
        return body;
    }

    private void send(RoutingContext ctx, String endpoint, int status, Map<String, Object> body, long latency) {
        counters.count(endpoint, status);
        Buffer buffer;
        try {
            buffer = Buffer.buffer(json.writeValueAsBytes(body));
        } catch (Exception e) {
            ctx.response().setStatusCode(500).end();
            return;
        }
        HttpServerResponse response = ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8");
        if (latency > 0) {
            vertx.setTimer(latency, id -> {
                if (!response.ended() && !response.closed()) {
                    response.end(buffer);
                }
            });
        } else {
            response.end(buffer);
        }
    }
}
