package io.lurker.helix.service;

import io.lurker.helix.client.HelixAnswer;
import io.lurker.helix.client.HelixClient;
import io.lurker.helix.config.HelixConfig;
import io.lurker.tokenpool.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The Helix-compatible proxy: local 400s for what Twitch would refuse, an optional Redis
 * response cache per endpoint, one upstream call for identical GETs in flight, and a circuit
 * breaker per endpoint that opens on 5xx answers and failures.
 */
@ApplicationScoped
public class HelixProxy {

    private static final Logger LOG = Logger.getLogger(HelixProxy.class);

    /** What the proxy answers: status, headers to pass on, body, and the cache outcome (null when not cacheable). */
    public record Proxied(int status, MultiMap headers, Buffer body, String cache) {
    }

    /** A 5xx answer, failing the guarded call so the breaker counts it. */
    static final class UpstreamServerError extends RuntimeException {
        final HelixAnswer answer;

        UpstreamServerError(HelixAnswer answer) {
            super("HTTP " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }

    private final HelixClient client;
    private final HelixConfig config;
    private final ReactiveValueCommands<String, String> cache;
    private final String cachePrefix;
    private final MeterRegistry metrics;
    private final Map<String, Uni<HelixAnswer>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, TypedGuard<Uni<HelixAnswer>>> breakers = new ConcurrentHashMap<>();

    public HelixProxy(HelixClient client, HelixConfig config, ReactiveRedisDataSource redis, MeterRegistry metrics) {
        this.client = client;
        this.config = config;
        this.cache = redis.value(String.class);
        this.cachePrefix = config.redisPrefix() + "cache:";
        this.metrics = metrics;
    }

    public Uni<Proxied> get(String path, String rawQuery) {
        List<Map.Entry<String, String>> query = HelixRequestRules.parse(rawQuery);
        Optional<String> rejection = HelixRequestRules.rejection(path, query);
        String endpoint = HelixClient.endpointOf(path);
        if (rejection.isPresent()) {
            count(endpoint, 400, "local");
            return Uni.createFrom().item(twitchError(400, "Bad Request", rejection.get()));
        }
        String key = HelixRequestRules.canonical(path, query);
        Optional<Duration> ttl = config.proxy().cacheEnabled()
                ? Optional.ofNullable(config.proxy().cacheTtl().get(path.split("/")[0])).filter(t -> t.toSeconds() > 0) : Optional.empty();
        if (ttl.isEmpty()) {
            return upstream(endpoint, path, rawQuery, key).map(a -> proxied(endpoint, a, null));
        }
        String cacheKey = cachePrefix + sha256(key);
        return cache.get(cacheKey).onFailure().recoverWithNull().chain(hit -> {
            if (hit != null) {
                count(endpoint, 200, "hit");
                MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json; charset=utf-8");
                return Uni.createFrom().item(new Proxied(200, headers, Buffer.buffer(hit), "hit"));
            }
            return upstream(endpoint, path, rawQuery, key).call(answer -> answer.status() == 200
                    ? cache.setex(cacheKey, Math.max(1, ttl.get().toSeconds()), answer.body().toString(StandardCharsets.UTF_8))
                    .onFailure().invoke(e -> LOG.debugf("Cache write failed: %s", e.getMessage())).onFailure().recoverWithNull()
                    : Uni.createFrom().voidItem()).map(a -> proxied(endpoint, a, "miss"));
        });
    }

    /** One upstream call per identical request in flight; later callers share its answer. */
    private Uni<HelixAnswer> upstream(String endpoint, String path, String rawQuery, String key) {
        Uni<HelixAnswer> shared = inFlight.computeIfAbsent(key, k -> guarded(endpoint, path, rawQuery)
                .onTermination().invoke(() -> inFlight.remove(k))
                .memoize().indefinitely());
        return shared;
    }

    private Uni<HelixAnswer> guarded(String endpoint, String path, String rawQuery) {
        TypedGuard<Uni<HelixAnswer>> guard = breakers.computeIfAbsent(endpoint, e -> TypedGuard.create(new TypeLiteral<Uni<HelixAnswer>>() {
                })
                .withDescription("helix " + e)
                .withCircuitBreaker()
                // Twitch failing counts; our own limits (no token in time, Redis) do not
                .when(failure -> failure instanceof UpstreamServerError
                        || failure instanceof ProblemException p && (p.status() == 502 || p.status() == 504))
                .requestVolumeThreshold(config.proxy().breakerWindow())
                .failureRatio(config.proxy().breakerFailureRatio())
                .delay(config.proxy().breakerDelay().toMillis(), ChronoUnit.MILLIS)
                .done()
                .build());
        return guard.get(() -> client.get(path, rawQuery, config.deadline())
                        .onItem().transformToUni(a -> a.status() >= 500 ? Uni.createFrom().failure(new UpstreamServerError(a))
                                : Uni.createFrom().item(a)))
                .onFailure(UpstreamServerError.class).recoverWithItem(e -> ((UpstreamServerError) e).answer)
                .onFailure(CircuitBreakerOpenException.class).recoverWithItem(e -> new HelixAnswer(503,
                        MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json; charset=utf-8").add("Retry-After",
                                Long.toString(Math.max(1, config.proxy().breakerDelay().toSeconds()))),
                        Buffer.buffer("{\"error\":\"Service Unavailable\",\"status\":503,\"message\":\"Twitch's " + endpoint
                                + " is failing; the gateway's circuit breaker is open\"}")));
    }

    private Proxied proxied(String endpoint, HelixAnswer answer, String cacheOutcome) {
        count(endpoint, answer.status(), cacheOutcome == null ? "none" : cacheOutcome);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (String name : List.of("Content-Type", "Ratelimit-Limit", "Ratelimit-Remaining", "Ratelimit-Reset", "Retry-After")) {
            String value = answer.header(name);
            if (value != null) {
                headers.add(name, value);
            }
        }
        return new Proxied(answer.status(), headers, answer.body(), cacheOutcome);
    }

    private void count(String endpoint, int status, String cache) {
        metrics.counter("lurker.helix.proxy.requests", "endpoint", endpoint, "status", Integer.toString(status), "cache", cache)
                .increment();
    }

    /** A Twitch-shaped error body, so Helix client libraries read it as they read Twitch's. */
    public static Proxied twitchError(int status, String error, String message) {
        String json = "{\"error\":\"" + error + "\",\"status\":" + status + ",\"message\":\"" + message.replace("\\", "\\\\")
                .replace("\"", "\\\"") + "\"}";
        return new Proxied(status, MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/json; charset=utf-8"),
                Buffer.buffer(json), null);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
