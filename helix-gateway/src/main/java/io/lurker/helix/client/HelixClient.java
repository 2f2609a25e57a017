package io.lurker.helix.client;

import io.lurker.helix.config.HelixConfig;
import io.lurker.helix.config.TwitchUrls;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.problem.ProblemException;
import io.lurker.tokenpool.problem.ProblemType;
import io.lurker.tokenpool.service.Lease;
import io.lurker.tokenpool.service.NoEligibleTokenException;
import io.lurker.tokenpool.service.TokenPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Every Helix call of this service: a token leased from the shared pool per attempt
 * ({@code Client-Id} + {@code Bearer}), the answer's {@code Ratelimit-*} headers reported back,
 * and the retry policy of REFERENCE.md within the caller's deadline:
 * <ul>
 * <li>429 → the pool blocks the bucket until {@code Ratelimit-Reset}; the next lease waits for it
 *     (on this or another bucket with points) if that is before the deadline;</li>
 * <li>401 → the token is marked invalid and the call is retried once with another token;</li>
 * <li>503 → retried once; other 5xx and timeouts → retried with exponential backoff and full jitter.</li>
 * </ul>
 * The final answer (any status) is returned; only local failures (no token in time, Twitch
 * unreachable) fail the {@code Uni} with a {@link ProblemException}.
 */
@ApplicationScoped
public class HelixClient {

    private static final Logger LOG = Logger.getLogger(HelixClient.class);

    private final TokenPool pool;
    private final StandaloneAppTokens standalone;
    private final WebClient http;
    private final HelixConfig config;
    private final String baseUrl;
    private final MeterRegistry metrics;
    private final Timer leaseWait;

    public HelixClient(TokenPool pool, StandaloneAppTokens standalone, HelixHttp http, HelixConfig config, TwitchUrls urls,
                       MeterRegistry metrics) {
        this.pool = pool;
        this.standalone = standalone;
        this.http = http.client();
        this.config = config;
        this.baseUrl = urls.helixUrl().endsWith("/") ? urls.helixUrl().substring(0, urls.helixUrl().length() - 1) : urls.helixUrl();
        this.metrics = metrics;
        this.leaseWait = Timer.builder("lurker.helix.lease.wait").description("Time spent waiting for a token lease")
                .publishPercentiles(0.5, 0.99).register(metrics);
    }

    /** GET {@code <helix-url>/<path>?<query>} with the default deadline. */
    public Uni<HelixAnswer> get(String path, List<Map.Entry<String, String>> query) {
        return get(path, encode(query), config.deadline());
    }

    /**
     * GET with a raw (already encoded) query string.
     *
     * @param path     the path below the Helix base, e.g. {@code streams} or {@code channels/followers}
     * @param rawQuery encoded query without {@code ?}, may be empty
     * @param deadline how long the whole call (waits and retries included) may take
     */
    public Uni<HelixAnswer> get(String path, String rawQuery, Duration deadline) {
        String url = baseUrl + "/" + path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery);
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        return attempt(endpointOf(path), url, deadlineNanos, new Attempts());
    }

    /** The first path segments that name a Helix endpoint, for metrics and breakers ({@code channels/followers}). */
    public static String endpointOf(String path) {
        String clean = path.startsWith("/") ? path.substring(1) : path;
        String[] parts = clean.split("/");
        if (parts.length >= 2 && !parts[1].isEmpty()) {
            return parts[0] + "/" + parts[1];
        }
        return parts[0];
    }

    /** Counts of retries taken so far in one call. */
    private static final class Attempts {
        int unauthorized;
        int unavailable;
        int errors;
    }

    private Uni<HelixAnswer> attempt(String endpoint, String url, long deadlineNanos, Attempts attempts) {
        Duration remaining = remaining(deadlineNanos);
        if (remaining.isZero()) {
            return Uni.createFrom().failure(new ProblemException(ProblemType.DEADLINE_EXCEEDED, 504,
                    "The call to Twitch's " + endpoint + " did not finish within its deadline"));
        }
        long leaseStart = System.nanoTime();
        return lease(remaining).chain(lease -> {
            leaseWait.record(System.nanoTime() - leaseStart, TimeUnit.NANOSECONDS);
            long timeout = Math.max(1, Math.min(config.requestTimeout().toMillis(), remaining(deadlineNanos).toMillis()));
            return http.getAbs(url)
                    .putHeader("Client-Id", lease.clientId())
                    .putHeader("Authorization", lease.authorization())
                    .putHeader("Accept", "application/json")
                    .timeout(timeout)
                    .send()
                    .onItemOrFailure().transformToUni((response, failure) -> failure != null
                            ? failed(endpoint, url, deadlineNanos, attempts, failure)
                            : answered(endpoint, url, deadlineNanos, attempts, lease, response));
        });
    }

    private Uni<Lease> lease(Duration maxWait) {
        return pool.lease(TokenRequirements.app(), maxWait)
                .onFailure(NoEligibleTokenException.class).recoverWithUni(e -> {
                    if (!standalone.configured()) {
                        return Uni.createFrom().failure(e);
                    }
                    return standalone.mint().chain(() -> pool.lease(TokenRequirements.app(), maxWait));
                });
    }

    private Uni<HelixAnswer> answered(String endpoint, String url, long deadlineNanos, Attempts attempts, Lease lease,
                                      HttpResponse<Buffer> response) {
        int status = response.statusCode();
        metrics.counter("lurker.helix.upstream.requests", "endpoint", endpoint, "status", Integer.toString(status)).increment();
        HelixAnswer answer = new HelixAnswer(status, MultiMap.caseInsensitiveMultiMap().addAll(response.headers().getDelegate()),
                response.body() == null ? io.vertx.core.buffer.Buffer.buffer() : response.body().getDelegate());
        Uni<Void> report = lease.report(status, RateLimitHeaders.from(response::getHeader))
                .onFailure().invoke(e -> LOG.warnf("Could not report a Helix answer to the token pool: %s", e.getMessage()))
                .onFailure().recoverWithNull();
        if (status == 401 || status == 429) {
            // the retry must not lease the refused token or the empty bucket again: report first
            return report.chain(() -> decide(endpoint, url, deadlineNanos, attempts, answer));
        }
        // headers only ever lower the estimate: the caller need not wait for the pool to note them
        report.subscribe().with(ignored -> { }, e -> { });
        return decide(endpoint, url, deadlineNanos, attempts, answer);
    }

    private Uni<HelixAnswer> decide(String endpoint, String url, long deadlineNanos, Attempts attempts, HelixAnswer answer) {
        int status = answer.status();
        if (status == 429) {
            // the pool now blocks that bucket until its reset: the next lease waits or fails with a 429 problem
            LOG.debugf("Helix %s answered 429; waiting for the reset within the deadline", endpoint);
            return attempt(endpoint, url, deadlineNanos, attempts)
                    .onFailure(ProblemException.class).recoverWithUni(e -> ((ProblemException) e).status() == 429
                            ? Uni.createFrom().item(answer) : Uni.createFrom().failure(e));
        }
        if (status == 401 && attempts.unauthorized++ == 0) {
            LOG.infof("Helix %s refused a token (401); marked invalid, retrying with another", endpoint);
            return attempt(endpoint, url, deadlineNanos, attempts)
                    .onFailure(NoEligibleTokenException.class).recoverWithItem(answer);
        }
        if (status == 503 && attempts.unavailable++ == 0) {
            return backoff(0, deadlineNanos).chain(() -> attempt(endpoint, url, deadlineNanos, attempts));
        }
        if ((status == 500 || status == 502 || status == 504) && attempts.errors < config.maxRetries()) {
            int n = attempts.errors++;
            return backoff(n, deadlineNanos).chain(() -> attempt(endpoint, url, deadlineNanos, attempts));
        }
        return Uni.createFrom().item(answer);
    }

    private Uni<HelixAnswer> failed(String endpoint, String url, long deadlineNanos, Attempts attempts, Throwable failure) {
        metrics.counter("lurker.helix.upstream.requests", "endpoint", endpoint, "status", "io-error").increment();
        if (attempts.errors < config.maxRetries() && !remaining(deadlineNanos).isZero()) {
            int n = attempts.errors++;
            LOG.debugf("Helix %s failed (%s); retry %d", endpoint, failure.getClass().getSimpleName(), n + 1);
            return backoff(n, deadlineNanos).chain(() -> attempt(endpoint, url, deadlineNanos, attempts));
        }
        if (remaining(deadlineNanos).isZero()) {
            // the last attempt was cut short by the caller's deadline: that is what the caller must know
            return Uni.createFrom().failure(new ProblemException(ProblemType.DEADLINE_EXCEEDED, 504,
                    "The call to Twitch's " + endpoint + " did not finish within its deadline ("
                            + failure.getClass().getSimpleName() + ")"));
        }
        return Uni.createFrom().failure(new ProblemException(ProblemType.UPSTREAM_ERROR, 502,
                "Twitch's " + endpoint + " could not be reached (" + failure.getClass().getSimpleName() + ")"));
    }

    /** Exponential backoff with full jitter, never past the deadline. */
    private Uni<Void> backoff(int retry, long deadlineNanos) {
        long cap = config.backoff().toMillis() << Math.min(retry, 10);
        long delay = Math.min(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1), remaining(deadlineNanos).toMillis());
        if (delay <= 0) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delay));
    }

    private static Duration remaining(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    static String encode(List<Map.Entry<String, String>> query) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> e : query) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
