package io.lurker.emulator.gql;

import io.lurker.emulator.counter.Counters;
import io.lurker.emulator.fault.FaultDecision;
import io.lurker.emulator.fault.FaultInjector;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.regex.Pattern;

/**
 * The channel page {@code /web/{login}} and its scripts under {@code /web/assets/}. The page
 * carries a fresh integrity challenge; its main script (named after its content, so the URL
 * changes when the hashes rotate) obtains a token from {@code /integrity} and then calls
 * {@code /gql} with {@code Client-Id}, {@code Client-Integrity} and {@code X-Device-Id}.
 * Any well-formed login gets a page, as on Twitch (the script then finds no user).
 */
@ApplicationScoped
public class WebPageRouter {

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_]{1,25}");

    private final PersistedQueries queries;
    private final IntegrityTokens integrity;
    private final GqlEmulatorConfig config;
    private final FaultInjector faults;
    private final Counters counters;

    public WebPageRouter(PersistedQueries queries, IntegrityTokens integrity, GqlEmulatorConfig config,
                         FaultInjector faults, Counters counters) {
        this.queries = queries;
        this.integrity = integrity;
        this.config = config;
        this.faults = faults;
        this.counters = counters;
    }

    void register(@Observes Router router) {
        router.get("/web/assets/:file").order(-10).handler(this::asset);
        router.get("/web/:login").order(-10).handler(this::page);
    }

    private void page(RoutingContext ctx) {
        String endpoint = "/web";
        FaultDecision fault = faults.decide(endpoint);
        if (fault.errorStatus() != 0 || fault.rateLimitStorm()) {
            send(ctx, endpoint, fault.rateLimitStorm() ? 429 : fault.errorStatus(), "text/plain", "error", fault.latencyMs());
            return;
        }
        String login = ctx.pathParam("login");
        if (login == null || !LOGIN.matcher(login).matches()) {
            send(ctx, endpoint, 404, "text/html; charset=utf-8", "<!doctype html><title>Not found</title>", 0);
            return;
        }
        String lower = login.toLowerCase(java.util.Locale.ROOT);
        // login matches [A-Za-z0-9_] and the other values are generated here: nothing needs escaping
        String html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>" + lower + " - Twitch</title>\n"
                + "<script>window.__LURKER_PAGE__={\"login\":\"" + lower + "\",\"clientId\":\"" + config.webClientId()
                + "\",\"gqlPath\":\"/gql\",\"integrityPath\":\"/integrity\",\"challenge\":\"" + integrity.challenge() + "\"};</script>\n"
                + "<script src=\"/web/assets/" + queries.vendorAssetName() + "\" defer></script>\n"
                + "<script src=\"/web/assets/" + queries.bundle().assetName() + "\" defer></script>\n"
                + "</head>\n<body>\n<main id=\"channel\" data-state=\"loading\"></main>\n</body>\n</html>\n";
        ctx.response().putHeader("Cache-Control", "no-store");
        send(ctx, endpoint, 200, "text/html; charset=utf-8", html, fault.latencyMs());
    }

    private void asset(RoutingContext ctx) {
        String endpoint = "/web/assets";
        String file = ctx.pathParam("file");
        PersistedQueries.Bundle bundle = queries.bundle();
        if (bundle.assetName().equals(file)) {
            ctx.response().putHeader("Cache-Control", "public, max-age=31536000, immutable");
            send(ctx, endpoint, 200, "application/javascript; charset=utf-8", bundle.content(), 0);
        } else if (queries.vendorAssetName().equals(file)) {
            ctx.response().putHeader("Cache-Control", "public, max-age=31536000, immutable");
            send(ctx, endpoint, 200, "application/javascript; charset=utf-8", queries.vendorAsset(), 0);
        } else {
            send(ctx, endpoint, 404, "text/plain; charset=utf-8", "Not Found", 0);
        }
    }

    private void send(RoutingContext ctx, String endpoint, int status, String type, String body, long latencyMs) {
        counters.count(endpoint, status);
        ctx.response().setStatusCode(status).putHeader("Content-Type", type);
        if (latencyMs > 0) {
            ctx.vertx().setTimer(latencyMs, id -> {
                if (!ctx.response().ended() && !ctx.response().closed()) {
                    ctx.response().end(body);
                }
            });
        } else {
            ctx.response().end(body);
        }
    }
}
