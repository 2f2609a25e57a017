package io.lurker.auth.tokens;

import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.TokenKind;
import io.lurker.tokenpool.model.TokenState;
import io.lurker.tokenpool.model.TokenView;
import io.lurker.tokenpool.service.TokenPoolAdmin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's state on {@code /q/metrics}, from a snapshot taken at every lifecycle pass and
 * every change made through the API (gauges cannot call Redis):
 * {@code lurker_auth_tokens{kind,state}}, per bucket {@code lurker_token_pool_bucket_points_left},
 * {@code _limit}, {@code _tokens}, and the counters kept in Redis by every replica's leases:
 * {@code lurker_token_pool_bucket_leased} (points leased) and {@code _throttled} (429s reported),
 * and per lease kind {@code lurker_token_pool_lease_waits}, {@code _lease_wait_seconds}, {@code _lease_timeouts}.
 */
@ApplicationScoped
public class PoolMetrics {

    private final TokenPoolAdmin pool;
    private final Map<String, AtomicLong> tokenCounts = new ConcurrentHashMap<>();
    private final MultiGauge pointsLeft;
    private final MultiGauge limits;
    private final MultiGauge bucketTokens;
    private final MultiGauge leased;
    private final MultiGauge throttled;
    private final Map<String, AtomicLong> leaseStats = new ConcurrentHashMap<>();
    private volatile List<TokenView> tokens = List.of();
    private volatile List<BucketView> buckets = List.of();

    @Inject
    public PoolMetrics(TokenPoolAdmin pool, MeterRegistry registry) {
        this.pool = pool;
        for (TokenKind kind : TokenKind.values()) {
            for (TokenState state : TokenState.values()) {
                AtomicLong count = new AtomicLong();
                tokenCounts.put(key(kind, state), count);
                Gauge.builder("lurker_auth_tokens", count, AtomicLong::get)
                        .description("Pooled Twitch tokens by kind and state")
                        .tags("kind", kind.name().toLowerCase(), "state", state.name().toLowerCase())
                        .register(registry);
            }
        }
        for (String kind : io.lurker.tokenpool.repository.BucketRepository.LEASE_KINDS) {
            leaseGauge(registry, "lurker_token_pool_lease_waits", "Leases that had to wait for a point, all replicas", "waits:" + kind, kind, 1);
            leaseGauge(registry, "lurker_token_pool_lease_wait_seconds", "Total time leases waited for a point, all replicas", "wait-ms:" + kind, kind, 1000);
            leaseGauge(registry, "lurker_token_pool_lease_timeouts", "Leases that failed their deadline, all replicas", "timeouts:" + kind, kind, 1);
        }
        pointsLeft = MultiGauge.builder("lurker_token_pool_bucket_points_left").description("Points left in a rate-limit bucket (pool estimate)").register(registry);
        limits = MultiGauge.builder("lurker_token_pool_bucket_limit").description("Points per minute of a rate-limit bucket").register(registry);
        bucketTokens = MultiGauge.builder("lurker_token_pool_bucket_tokens").description("Tokens in a rate-limit bucket").register(registry);
        leased = MultiGauge.builder("lurker_token_pool_bucket_leased").description("Points leased from a bucket by all replicas since it was created").register(registry);
        throttled = MultiGauge.builder("lurker_token_pool_bucket_throttled").description("429 answers reported for a bucket since it was created").register(registry);
    }

    private void leaseGauge(MeterRegistry registry, String name, String description, String field, String kind, double divisor) {
        AtomicLong value = leaseStats.computeIfAbsent(field, f -> new AtomicLong());
        Gauge.builder(name, value, v -> v.get() / divisor).description(description).tags("kind", kind).register(registry);
    }

    public List<TokenView> tokens() {
        return tokens;
    }

    public List<BucketView> buckets() {
        return buckets;
    }

    /** Reads the pool and updates every gauge. */
    public Uni<Void> refresh() {
        return Uni.combine().all().unis(pool.tokens(), pool.buckets(), pool.leaseStats()).asTuple().invoke(both -> {
            both.getItem3().forEach((field, value) -> leaseStats.computeIfAbsent(field, f -> new AtomicLong()).set(value));
            tokens = both.getItem1();
            buckets = both.getItem2();
            tokenCounts.values().forEach(c -> c.set(0));
            for (TokenView token : tokens) {
                tokenCounts.get(key(token.kind(), token.state())).incrementAndGet();
            }
            pointsLeft.register(rows(b -> b.pointsLeft()), true);
            limits.register(rows(b -> b.limit()), true);
            bucketTokens.register(rows(b -> b.tokens()), true);
            leased.register(rows(b -> b.leased()), true);
            throttled.register(rows(b -> b.throttled()), true);
        }).replaceWithVoid();
    }

    private List<MultiGauge.Row<?>> rows(java.util.function.ToDoubleFunction<BucketView> value) {
        return buckets.stream().<MultiGauge.Row<?>>map(b -> MultiGauge.Row.of(Tags.of("bucket", b.key().toString()), value.applyAsDouble(b))).toList();
    }

    private static String key(TokenKind kind, TokenState state) {
        return kind + "/" + state;
    }
}
