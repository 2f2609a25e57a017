package io.lurker.tokenpool.service;

import io.lurker.tokenpool.config.TokenPoolConfig;
import io.lurker.tokenpool.crypto.TokenCipher;
import io.lurker.tokenpool.repository.BucketRepository;
import io.lurker.tokenpool.repository.PoolStore;
import io.lurker.tokenpool.repository.TokenRepository;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.time.Duration;
import java.util.Map;

/**
 * The pool wired by hand, outside a Quarkus application (tests, the bench harness, tools):
 * the same classes and the same {@code lurker.token-pool.*} mapping, fed from a map of
 * properties. Inside Quarkus, inject {@link TokenPool} and {@link TokenPoolAdmin} instead. Outside
 * Quarkus, SmallRye Config builds the mapping at run time and needs {@code org.ow2.asm:asm} on the
 * class path.
 */
public final class StandalonePool {

    public final TokenPoolConfig config;
    public final TokenCipher cipher;
    public final PoolStore store;
    public final TokenPool pool;
    public final TokenPoolAdmin admin;

    private StandalonePool(Vertx vertx, Redis redis, TokenPoolConfig config, LaunchMode mode) {
        this.config = config;
        this.cipher = new TokenCipher(config.encryption(), mode);
        this.store = new PoolStore(redis, config);
        TokenRepository tokens = new TokenRepository(store, config);
        BucketRepository buckets = new BucketRepository(store, config);
        this.pool = new TokenPool(tokens, buckets, cipher, config, vertx.getDelegate());
        this.admin = new TokenPoolAdmin(tokens, buckets, cipher);
    }

    /**
     * @param properties {@code lurker.token-pool.*} properties, as in application.properties
     * @param mode       the launch mode the key check applies ({@code NORMAL} requires a key)
     */
    public static StandalonePool create(Vertx vertx, Redis redis, Map<String, String> properties, LaunchMode mode) {
        return new StandalonePool(vertx, redis, config(properties), mode);
    }

    /** The config mapping read from these properties, with Quarkus's duration syntax ({@code 30s}). */
    public static TokenPoolConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(TokenPoolConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "standalone", 500))
                .build()
                .getConfigMapping(TokenPoolConfig.class);
    }
}
