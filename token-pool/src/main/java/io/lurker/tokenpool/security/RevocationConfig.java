package io.lurker.tokenpool.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code lurker.security.revocation.*}: the list of revoked Lurker API tokens that every
 * service carrying this jar honours. The list lives in Redis (the application's default Redis
 * client), is loaded at start, kept current by pub/sub and reloaded periodically in case a
 * message was missed while the connection was down.
 */
@ConfigMapping(prefix = "lurker.security.revocation")
public interface RevocationConfig {

    /** Reject tokens whose {@code jti} was revoked. Needs {@code quarkus.redis.hosts}. */
    @WithDefault("true")
    boolean enabled();

    /** Prefix of the Redis keys: {@code <prefix>jwt:revoked} (sorted set) and channel {@code <prefix>jwt:revocations}. */
    @WithDefault("${lurker.token-pool.prefix:lurker:auth:}")
    String prefix();

    /** Full reload of the list from Redis; catches revocations published while the subscription was down. */
    @WithDefault("60s")
    Duration reloadInterval();

    /** How long to wait before reconnecting the subscription after it failed. */
    @WithDefault("1s")
    Duration reconnectDelay();

    /** Longest wait for one Redis command. */
    @WithDefault("2s")
    Duration redisTimeout();
}
