package io.lurker.gql.client;

import io.lurker.gql.config.GqlConfig;
import io.lurker.tokenpool.outbound.OutboundProxy;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * HTTP to Twitch's GraphQL and web site: one client through the configured proxy, HTTP/2 where
 * the server offers it (ALPN), at most {@code max-concurrency} GraphQL requests in flight.
 * Blocking calls for worker threads; headers (tokens, device ids) are never logged.
 */
@ApplicationScoped
public class UpstreamHttp {

    /** An answer: status and body text. */
    public record Answer(int status, String body) {
    }

    private final WebClient client;
    private final Semaphore permits;
    private final Duration timeout;

    public UpstreamHttp(Vertx vertx, GqlConfig config) {
        WebClientOptions options = new WebClientOptions().setConnectTimeout(10_000).setFollowRedirects(true)
                .setUseAlpn(true).setMaxPoolSize(Math.max(2, config.maxConcurrency())).setDecompressionSupported(true);
        OutboundProxy.options("lurker.gql.proxy-url", config.proxyUrl()).ifPresent(options::setProxyOptions);
        this.client = WebClient.create(vertx, options);
        this.permits = new Semaphore(Math.max(1, config.maxConcurrency()), true);
        this.timeout = config.requestTimeout();
    }

    public Answer post(String url, Map<String, String> headers, String body) {
        acquire();
        try {
            HttpRequest<Buffer> request = client.postAbs(url).timeout(timeout.toMillis());
            headers.forEach(request::putHeader);
            return answer(request.sendBuffer(Buffer.buffer(body)).await().atMost(timeout.plusSeconds(2)));
        } catch (RuntimeException e) {
            throw upstreamFailure(e);
        } finally {
            permits.release();
        }
    }

    public Answer get(String url, String userAgent) {
        try {
            return answer(client.getAbs(url).timeout(timeout.toMillis()).putHeader("User-Agent", userAgent)
                    .send().await().atMost(timeout.plusSeconds(2)));
        } catch (RuntimeException e) {
            throw upstreamFailure(e);
        }
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProblemException(ProblemType.UNAVAILABLE, 503, "Too many GraphQL requests in flight; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted while waiting for a GraphQL slot");
        }
    }

    private static Answer answer(HttpResponse<Buffer> response) {
        return new Answer(response.statusCode(), response.bodyAsString());
    }

    private static ProblemException upstreamFailure(RuntimeException e) {
        if (e instanceof ProblemException p) {
            return p;
        }
        return new ProblemException(ProblemType.UPSTREAM_ERROR, 502, "Twitch could not be reached: " + e.getClass().getSimpleName());
    }
}
