package io.lurker.tokenpool.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code lurker.token-pool.*}: where the pool keeps its keys in Redis, how buckets and leases
 * behave, and the encryption keys of token material. Every property has a default or is
 * optional, because every service carries this jar (for its problem+json plumbing) while only
 * the ones that lease or write tokens need a key.
 */
@ConfigMapping(prefix = "lurker.token-pool")
public interface TokenPoolConfig {

    /** Prefix of every Redis key of the pool. Tests use a random one. For Redis Cluster, put a hash tag in it ({@code {lurker:auth}:}). */
    @WithDefault("lurker:auth:")
    String prefix();

    /** Points per minute of a bucket that was never configured (Twitch's default is 800). */
    @WithDefault("800")
    int defaultLimit();

    /** How long one Redis command may take before the pool reports Redis unavailable. */
    @WithDefault("2s")
    Duration redisTimeout();

    /**
     * Check the encryption keys (and load the Lua scripts) at start-up in every service whose
     * code injects the pool. A service that uses the pool only in some configurations (chat-ingest
     * logging in with a pooled user token) sets this to {@code false} and calls
     * {@code TokenPoolStartup.check()} itself when it is configured to use the pool, so that it
     * starts without keys otherwise.
     */
    @WithDefault("true")
    boolean checkAtStart();

    Lease lease();

    Encryption encryption();

    interface Lease {

        /** Tokens expiring sooner than this are not leased: the call must finish while the token is valid. */
        @WithDefault("30s")
        Duration expiryMargin();

        /**
         * How often a waiting lease looks again when no token is usable yet but one may become
         * so (refreshing, expired and awaiting renewal, limit raised). Also the longest sleep
         * between two looks, so that a token added meanwhile is found.
         */
        @WithDefault("500ms")
        Duration idlePoll();
    }

    interface Encryption {

        /**
         * Key id → base64 AES-256 key (32 bytes). Key ids are 1–32 characters of
         * {@code [A-Za-z0-9_-]}. Keep old keys here until {@code reencrypt} has run.
         */
        Map<String, String> keys();

        /** Id of the key that encrypts new values; required as soon as {@code keys} is set. */
        Optional<String> activeKey();
    }
}
