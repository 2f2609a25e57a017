package io.lurker.tokenpool.service;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.lurker.tokenpool.crypto.TokenCipher;
import io.lurker.tokenpool.repository.PoolStore;
import io.lurker.tokenpool.testing.TestEncryptionKeys;
import io.quarkus.runtime.LaunchMode;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One "replica" of the pool built as Quarkus would build it (real config mapping, real
 * Vert.x Redis client against the local Redis), under a random key prefix. {@link #replica()}
 * makes another one with its own Vert.x and connections, as a separate process would have.
 */
public final class PoolFixture implements AutoCloseable {

    public static final String LOCAL_REDIS = "redis://127.0.0.1:6379";

    public final Vertx vertx;
    public final Redis redis;
    public final String redisUrl;
    public final Map<String, String> properties;
    public final TokenPoolConfig config;
    public final TokenCipher cipher;
    public final PoolStore store;
    public final TokenPool pool;
    public final TokenPoolAdmin admin;
    private final boolean owner;

    private PoolFixture(String redisUrl, Map<String, String> properties, boolean owner) {
        this.redisUrl = redisUrl;
        this.properties = Map.copyOf(properties);
        this.owner = owner;
        this.vertx = Vertx.vertx();
        this.redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl).setMaxPoolWaiting(1024));
        StandalonePool standalone = StandalonePool.create(vertx, redis, properties, LaunchMode.TEST);
        this.config = standalone.config;
        this.cipher = standalone.cipher;
        this.store = standalone.store;
        this.pool = standalone.pool;
        this.admin = standalone.admin;
    }

    /** A pool on the local Redis under a fresh random prefix, with test key A. */
    public static PoolFixture create() {
        return create(Map.of());
    }

    public static PoolFixture create(Map<String, String> overrides) {
        return create(LOCAL_REDIS, overrides);
    }

    public static PoolFixture create(String redisUrl, Map<String, String> overrides) {
        Map<String, String> properties = new HashMap<>(TestEncryptionKeys.config());
        properties.put("lurker.token-pool.prefix", "lurker-test:" + UUID.randomUUID() + ":auth:");
        properties.putAll(overrides);
        return new PoolFixture(redisUrl, properties, true);
    }

    /** Another process on the same keys. */
    public PoolFixture replica() {
        return new PoolFixture(redisUrl, properties, false);
    }

    /** The same keys with other settings (e.g. another encryption key set). */
    public PoolFixture withSettings(Map<String, String> overrides) {
        Map<String, String> merged = new HashMap<>(properties);
        merged.putAll(overrides);
        return new PoolFixture(redisUrl, merged, false);
    }

    /** The same Redis with exactly these settings (the prefix included). */
    public PoolFixture withProperties(Map<String, String> exact) {
        return new PoolFixture(redisUrl, exact, false);
    }

    public static TokenPoolConfig config(Map<String, String> properties) {
        return StandalonePool.config(properties);
    }

    public String prefix() {
        return config.prefix();
    }

    /** A raw Redis command, for looking at what is really stored. */
    public Response raw(String command, String... args) {
        Object[] values = new Object[args.length];
        System.arraycopy(args, 0, values, 0, args.length);
        return redis.send(Request.cmd(Command.create(command), values)).await().atMost(Duration.ofSeconds(5));
    }

    /** Every key under the prefix. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            Response page = raw("SCAN", cursor, "MATCH", prefix() + "*", "COUNT", "1000");
            cursor = page.get(0).toString();
            page.get(1).forEach(k -> keys.add(k.toString()));
        } while (!"0".equals(cursor));
        return keys;
    }

    @Override
    public void close() {
        try {
            if (owner) {
                List<String> keys = keys();
                if (!keys.isEmpty()) {
                    raw("DEL", keys.toArray(String[]::new));
                }
            }
        } catch (RuntimeException e) {
            // Redis may be gone in outage tests
        } finally {
            redis.close();
            vertx.closeAndAwait();
        }
    }
}
