package io.lurker.integrity.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.integrity.browser.CaptureException;
import io.lurker.integrity.browser.CapturedToken;
import io.lurker.integrity.config.IntegrityConfig;
import io.lurker.integrity.config.OutboundProxy;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Checks a captured token from outside the browser: replays the page's own GraphQL request
 * (same URL, body, client id, device id and user agent, through the same proxy) and refuses
 * the token when Twitch answers {@code failed integrity check}. Runs on the capture thread.
 */
@ApplicationScoped
public class TokenProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebClient client;
    private final Duration timeout;

    public TokenProbe(Vertx vertx, IntegrityConfig config) {
        WebClientOptions options = new WebClientOptions().setConnectTimeout(10_000).setIdleTimeout(30)
                .setFollowRedirects(false);
        OutboundProxy.parse(config.proxyUrl()).ifPresent(p -> {
            ProxyOptions proxy = new ProxyOptions().setType(p.socks() ? ProxyType.SOCKS5 : ProxyType.HTTP)
                    .setHost(p.host()).setPort(p.port());
            if (p.username() != null) {
                proxy.setUsername(p.username()).setPassword(p.password());
            }
            options.setProxyOptions(proxy);
        });
        this.client = WebClient.create(vertx, options);
        this.timeout = config.captureTimeout();
    }

    public void check(CapturedToken captured) throws CaptureException {
        if (captured.gqlBody() == null || captured.gqlBody().isBlank()) {
            throw new CaptureException("the page's GraphQL request had no body to probe with");
        }
        HttpResponse<Buffer> response;
        try {
            response = client.postAbs(captured.gqlUrl())
                    .putHeader("Client-Id", captured.clientId())
                    .putHeader("Client-Integrity", captured.token())
                    .putHeader("X-Device-Id", captured.deviceId())
                    .putHeader("User-Agent", captured.userAgent())
                    .putHeader("Content-Type", "text/plain;charset=UTF-8")
                    .timeout(timeout.toMillis())
                    .sendBuffer(Buffer.buffer(captured.gqlBody()))
                    .await().atMost(timeout.plusSeconds(5));
        } catch (RuntimeException e) {
            throw new CaptureException("probe request failed: " + e.getClass().getSimpleName());
        }
        if (response.statusCode() != 200) {
            throw new CaptureException("probe answered HTTP " + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.bodyAsString());
        } catch (Exception e) {
            throw new CaptureException("probe answer is not JSON");
        }
        for (JsonNode answer : body.isArray() ? body : JSON.createArrayNode().add(body)) {
            for (JsonNode error : answer.path("errors")) {
                if ("failed integrity check".equals(error.path("message").asText())) {
                    throw new CaptureException("the probe query was refused: failed integrity check");
                }
            }
        }
    }
}
