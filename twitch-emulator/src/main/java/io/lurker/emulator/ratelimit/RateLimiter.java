package io.lurker.emulator.ratelimit;

import io.lurker.emulator.clock.EmulatorClock;
import io.lurker.emulator.config.EmulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Helix's rate limit (REFERENCE.md §2): a token bucket per key ({@code app:<client>} or
 * {@code user:<client>:<user>}), {@code limit} points that refill continuously to the full
 * {@code limit} over 60 seconds; every call costs one point; an empty bucket answers 429.
 * {@code Ratelimit-Reset} is the Unix second at which the bucket will be full again.
 */
@ApplicationScoped
public class RateLimiter {

    private static final long WINDOW_MILLIS = 60_000;

    private final LongSupplier millis;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, Integer> limits = new ConcurrentHashMap<>();
    private volatile int defaultLimit;

    @Inject
    public RateLimiter(EmulatorConfig config, EmulatorClock clock) {
        this("emulator".equalsIgnoreCase(config.rateLimit().clock()) ? () -> clock.now().toEpochMilli()
                : System::currentTimeMillis, config.rateLimit().pointsPerMinute());
        limits.putAll(config.rateLimit().buckets());
        config.clients().forEach((id, client) -> client.pointsPerMinute().ifPresent(p -> limits.put("app:" + id, p)));
    }

    public RateLimiter(LongSupplier millis, int defaultLimit) {
        this.millis = millis;
        this.defaultLimit = defaultLimit;
    }

    /** Spends one point of {@code key}'s bucket. */
    public RateDecision take(String key) {
        Bucket bucket = bucket(key);
        synchronized (bucket) {
            long now = millis.getAsLong();
            bucket.refill(now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                bucket.requests++;
                bucket.served(now);
                return bucket.decision(true, now);
            }
            bucket.rejected++;
            return bucket.decision(false, now);
        }
    }

    /** A 429 forced by a fault: counted as refused, the bucket's points untouched, headers say empty. */
    public RateDecision storm(String key) {
        Bucket bucket = bucket(key);
        synchronized (bucket) {
            long now = millis.getAsLong();
            bucket.refill(now);
            bucket.rejected++;
            RateDecision actual = bucket.decision(false, now);
            return new RateDecision(false, actual.limit(), 0, (now + WINDOW_MILLIS + 999) / 1000);
        }
    }

    private Bucket bucket(String key) {
        return buckets.computeIfAbsent(key, k -> new Bucket(k, limitOf(k), millis.getAsLong()));
    }

    public int limitOf(String key) {
        return limits.getOrDefault(key, defaultLimit);
    }

    /** Sets a bucket's points per minute (applies at once; an existing bucket keeps its points, capped). */
    public void setLimit(String key, int pointsPerMinute) {
        if (pointsPerMinute < 1) {
            throw new IllegalArgumentException("points per minute must be at least 1");
        }
        limits.put(key, pointsPerMinute);
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            synchronized (bucket) {
                bucket.refill(millis.getAsLong());
                bucket.limit = pointsPerMinute;
                bucket.tokens = Math.min(bucket.tokens, pointsPerMinute);
            }
        }
    }

    public void setDefaultLimit(int pointsPerMinute) {
        if (pointsPerMinute < 1) {
            throw new IllegalArgumentException("points per minute must be at least 1");
        }
        this.defaultLimit = pointsPerMinute;
        for (Bucket bucket : buckets.values()) {
            if (!limits.containsKey(bucket.key)) {
                synchronized (bucket) {
                    bucket.refill(millis.getAsLong());
                    bucket.limit = pointsPerMinute;
                    bucket.tokens = Math.min(bucket.tokens, pointsPerMinute);
                }
            }
        }
    }

    public int defaultLimit() {
        return defaultLimit;
    }

    public Map<String, Integer> configuredLimits() {
        return Map.copyOf(limits);
    }

    public List<BucketStats> stats() {
        List<BucketStats> list = new ArrayList<>();
        long now = millis.getAsLong();
        for (Bucket bucket : buckets.values()) {
            synchronized (bucket) {
                bucket.refill(now);
                list.add(new BucketStats(bucket.key, bucket.limit, (int) Math.floor(bucket.tokens), bucket.requests,
                        bucket.rejected, bucket.maxInWindow));
            }
        }
        list.sort(Comparator.comparing(BucketStats::bucket));
        return list;
    }

    /** Forgets every bucket: full again, counters at zero. */
    public void reset() {
        buckets.clear();
    }

    private static final class Bucket {
        final String key;
        int limit;
        double tokens;
        long last;
        long requests;
        long rejected;
        int maxInWindow;
        final ArrayDeque<Long> window = new ArrayDeque<>();

        Bucket(String key, int limit, long now) {
            this.key = key;
            this.limit = limit;
            this.tokens = limit;
            this.last = now;
        }

        void refill(long now) {
            if (now > last) {
                tokens = Math.min(limit, tokens + (now - last) * (limit / (double) WINDOW_MILLIS));
                last = now;
            }
        }

        void served(long now) {
            window.addLast(now);
            while (!window.isEmpty() && window.peekFirst() <= now - WINDOW_MILLIS) {
                window.pollFirst();
            }
            maxInWindow = Math.max(maxInWindow, window.size());
        }

        RateDecision decision(boolean allowed, long now) {
            double missing = limit - tokens;
            long fullAt = now + (long) Math.ceil(missing * WINDOW_MILLIS / limit);
            return new RateDecision(allowed, limit, (int) Math.floor(tokens), (fullAt + 999) / 1000);
        }
    }
}
