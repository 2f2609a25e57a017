package io.lurker.tokenpool.repository;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.BucketView;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rate-limit buckets in Redis: header sync, 429s, limits and views. */
@ApplicationScoped
public class BucketRepository {

    /** After a 429, no lease for at least this long even when the reset seems past (clock skew with Twitch). */
    static final Duration MIN_BLOCK = Duration.ofSeconds(1);
    /** After a 429 without {@code Ratelimit-Reset}: a whole minute refills any bucket. */
    static final Duration BLOCK_WITHOUT_RESET = Duration.ofMinutes(1);

    private final PoolStore store;
    private final int defaultLimit;

    @Inject
    public BucketRepository(PoolStore store, TokenPoolConfig config) {
        this.store = store;
        this.defaultLimit = config.defaultLimit();
    }

    /** @param leasedAtMs Redis time the observed call took its point, or null if unknown */
    public Uni<Boolean> observe(BucketKey bucket, RateLimitHeaders headers, Long leasedAtMs) {
        if (headers.remaining().isEmpty() && headers.reset().isEmpty() && headers.limit().isEmpty()) {
            return Uni.createFrom().item(false);
        }
        return store.run(LuaScript.OBSERVE, List.of(bucket.toString(),
                        headers.remaining().isPresent() ? String.valueOf(headers.remaining().getAsInt()) : "",
                        headers.reset().map(r -> String.valueOf(r.toEpochMilli())).orElse(""),
                        headers.limit().isPresent() ? String.valueOf(headers.limit().getAsInt()) : "",
                        leasedAtMs == null ? "" : String.valueOf(leasedAtMs),
                        String.valueOf(defaultLimit)))
                .map(r -> r.toInteger() == 1);
    }

    /** Empties the bucket until {@code reset}; returns the instant leases resume (empty if the bucket is unknown). */
    public Uni<Optional<Instant>> exhausted(BucketKey bucket, Optional<Instant> reset) {
        return store.run(LuaScript.EXHAUSTED, List.of(bucket.toString(),
                        reset.map(r -> String.valueOf(r.toEpochMilli())).orElse(""),
                        String.valueOf(defaultLimit), String.valueOf(MIN_BLOCK.toMillis()),
                        String.valueOf(BLOCK_WITHOUT_RESET.toMillis())))
                .map(r -> r.toLong() == 0 ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(r.toLong())));
    }

    /** The kinds the lease statistics are kept for (a lease's requirements: app, user or any kind). */
    public static final List<String> LEASE_KINDS = List.of("app", "user", "any");
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BucketRepository.class);

    /**
     * Adds to a lease statistic shared by every replica, in the hash {@code <prefix>lease-stats}:
     * {@code waits:<kind>} (leases that had to queue for a point), {@code wait-ms:<kind>} (their
     * total wait), {@code timeouts:<kind>} (leases that failed their deadline). Fire and forget:
     * a lost increment only makes the statistic low.
     */
    public void recordLeaseStat(String field, long amount) {
        store.command(io.vertx.mutiny.redis.client.Command.HINCRBY, "lease-stats", field, String.valueOf(amount))
                .subscribe().with(ok -> { }, e -> LOG.debugf("Lease statistic %s not recorded: %s", field, e.getMessage()));
    }

    /** The lease statistics by field ({@code waits:app}, {@code wait-ms:app}, {@code timeouts:app}, ... for app, user, any). */
    public Uni<java.util.Map<String, Long>> leaseStats() {
        List<String> fields = new ArrayList<>();
        for (String kind : LEASE_KINDS) {
            fields.add("waits:" + kind);
            fields.add("wait-ms:" + kind);
            fields.add("timeouts:" + kind);
        }
        return store.command(io.vertx.mutiny.redis.client.Command.HMGET, "lease-stats", fields.toArray(String[]::new)).map(response -> {
            java.util.Map<String, Long> stats = new java.util.LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                Response value = response == null ? null : response.get(i);
                stats.put(fields.get(i), value == null ? 0L : Long.parseLong(value.toString()));
            }
            return stats;
        });
    }

    public Uni<Void> refund(BucketKey bucket, int points) {
        return store.run(LuaScript.REFUND, List.of(bucket.toString(), String.valueOf(points), String.valueOf(defaultLimit)))
                .replaceWithVoid();
    }

    public Uni<Void> configureLimit(BucketKey bucket, int limit) {
        return store.run(LuaScript.CONFIGURE_LIMIT, List.of(bucket.toString(), String.valueOf(limit), String.valueOf(defaultLimit)))
                .replaceWithVoid();
    }

    /** One bucket, or every bucket when {@code bucket} is empty, sorted by key. */
    public Uni<List<BucketView>> views(Optional<BucketKey> bucket) {
        return store.run(LuaScript.VIEW_BUCKETS, List.of(String.valueOf(defaultLimit), bucket.map(BucketKey::toString).orElse("")))
                .map(BucketRepository::parseViews);
    }

    private static List<BucketView> parseViews(Response reply) {
        long now = reply.get(0).toLong();
        List<BucketView> views = new ArrayList<>();
        for (int i = 1; i < reply.size(); i++) {
            Response b = reply.get(i);
            long blocked = b.get(4).toLong();
            long reset = Long.parseLong(b.get(5).toString());
            views.add(new BucketView(BucketKey.parse(b.get(0).toString()), b.get(1).toInteger(),
                    Double.parseDouble(b.get(2).toString()), Instant.ofEpochMilli(now + b.get(3).toLong()),
                    blocked > now ? Optional.of(Instant.ofEpochMilli(blocked)) : Optional.empty(),
                    reset > 0 ? Optional.of(Instant.ofEpochMilli(reset)) : Optional.empty(),
                    b.get(6).toInteger(), Long.parseLong(b.get(7).toString()), Long.parseLong(b.get(8).toString())));
        }
        return views;
    }
}
