package io.lurker.bench.tokenpool;

import io.lurker.tokenpool.model.BucketKey;
import io.lurker.tokenpool.model.NewToken;
import io.lurker.tokenpool.model.RateLimitHeaders;
import io.lurker.tokenpool.model.TokenRequirements;
import io.lurker.tokenpool.service.Lease;
import io.lurker.tokenpool.service.StandalonePool;
import io.quarkus.runtime.LaunchMode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The pool's own cost against the local Redis, with points never running out: one lease (Lua
 * script, decryption) and one lease plus header observation, as a gateway does per call. Run
 * with {@code -t 1} for latency and {@code -t 4} for throughput under concurrency.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LeaseBenchmark {

    private static final TokenRequirements APP = TokenRequirements.app();
    private static final RateLimitHeaders HEADERS = RateLimitHeaders.parse("1000000", "999000", null);

    private Vertx vertx;
    private Redis redis;
    private StandalonePool standalone;
    private String prefix;

    @Setup(Level.Trial)
    public void seed() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        prefix = "lurker-bench:" + UUID.randomUUID() + ":auth:";
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(
                System.getProperty("redis", "redis://127.0.0.1:6379")).setMaxPoolWaiting(4096));
        standalone = StandalonePool.create(vertx, redis, Map.of("lurker.token-pool.prefix", prefix,
                "lurker.token-pool.encryption.keys.bench", Base64.getEncoder().encodeToString(key),
                "lurker.token-pool.encryption.active-key", "bench"), LaunchMode.NORMAL);
        for (int i = 0; i < 3; i++) {
            standalone.admin.putToken(NewToken.app("bench-client", "token-" + i, null)).await().atMost(Duration.ofSeconds(10));
        }
        // a bucket that never runs dry during a run: the pool's cost, not Twitch's limit, is measured
        standalone.admin.configureBucketLimit(BucketKey.app("bench-client"), 1_000_000).await().atMost(Duration.ofSeconds(10));
    }

    @TearDown(Level.Trial)
    public void clean() {
        Response keys = redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await().atMost(Duration.ofSeconds(10));
        for (Response key : keys) {
            redis.send(Request.cmd(Command.DEL).arg(key.toString())).await().atMost(Duration.ofSeconds(10));
        }
        redis.close();
        vertx.closeAndAwait();
    }

    @Setup(Level.Iteration)
    public void refill() {
        standalone.admin.configureBucketLimit(BucketKey.app("bench-client"), 999_999).await().atMost(Duration.ofSeconds(10));
        standalone.admin.configureBucketLimit(BucketKey.app("bench-client"), 1_000_000).await().atMost(Duration.ofSeconds(10));
    }

    @Benchmark
    public Lease lease() {
        return standalone.pool.lease(APP, Duration.ZERO).await().atMost(Duration.ofSeconds(10));
    }

    @Benchmark
    public Lease leaseAndObserve() {
        Lease lease = standalone.pool.lease(APP, Duration.ZERO).await().atMost(Duration.ofSeconds(10));
        lease.observe(HEADERS).await().atMost(Duration.ofSeconds(10));
        return lease;
    }
}
