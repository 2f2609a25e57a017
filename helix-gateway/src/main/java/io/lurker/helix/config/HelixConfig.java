package io.lurker.helix.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code lurker.helix.*}: upstream behaviour, standalone tokens, watchlist, collectors, proxy cache. */
@ConfigMapping(prefix = "lurker.helix")
public interface HelixConfig {

    /** Prefix of every Redis key of this service (collector leases, response cache). */
    @WithDefault("lurker:helix:")
    String redisPrefix();

    /** The one user agent of every call to Twitch. */
    @WithDefault("Lurker/0.1 helix-gateway")
    String userAgent();

    /** Optional outbound proxy for Twitch calls: {@code http://user:pass@host:port} or {@code socks5://...}. A secret. */
    Optional<String> outboundProxy();

    /** Timeout of one HTTP exchange with Twitch. */
    @WithDefault("10s")
    Duration requestTimeout();

    /** Default deadline of a whole call: token wait, retries and backoff included. */
    @WithDefault("30s")
    Duration deadline();

    /** Retries of 5xx answers and timeouts within the deadline (503 is retried once). */
    @WithDefault("4")
    int maxRetries();

    /** First backoff; doubles per retry, with full jitter. */
    @WithDefault("200ms")
    Duration backoff();

    /** Connections per upstream host. */
    @WithDefault("64")
    int maxConnections();

    /** A Lurker API token (role internal) for analytics-service. */
    Optional<String> serviceToken();

    Standalone standalone();

    Clips clips();

    Watchlist watchlist();

    Collectors collectors();

    Proxy proxy();

    /** App tokens minted by this service when the pool has none (before or without auth-service). */
    interface Standalone {
        /** TWITCH_CLIENT_ID; empty disables standalone minting. */
        Optional<String> clientId();

        /** TWITCH_CLIENT_SECRET (a secret). */
        Optional<String> clientSecret();
    }

    interface Clips {
        /** Helix stops paging a clip query after about this many clips; windows holding this many are split. */
        @WithDefault("1000")
        int pageCap();

        /** First split of a long range. */
        @WithDefault("P1D")
        Duration initialWindow();

        /** Windows are not split below this. */
        @WithDefault("PT1M")
        Duration minWindow();
    }

    interface Watchlist {
        /** Logins watched when analytics-service cannot be reached. */
        Optional<List<String>> channels();

        /** Game names watched when analytics-service cannot be reached. */
        Optional<List<String>> games();

        /** analytics-service base URL; empty uses only the configured list. */
        Optional<String> analyticsUrl();
    }

    interface Collectors {
        /** Off: no scheduled runs (on-demand runs still work). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How often due jobs are looked for (read by {@code CollectorScheduler}'s {@code @Scheduled}
         * expression; declared here so that setting it passes the mapping's validation).
         */
        @WithDefault("5s")
        Duration tick();

        /** Random delay added to each scheduled run, as a fraction of its interval. */
        @WithDefault("0.1")
        double jitter();

        /** How long a runner's lease lasts without renewal. */
        @WithDefault("30s")
        Duration leaseTtl();

        /** Per collector: {@code interval}. Names: streams, categories, clips, clip-views, vods, channels. */
        Map<String, Job> jobs();

        /** How long an on-demand run waits for a lease held elsewhere before answering 409. */
        @WithDefault("60s")
        Duration onDemandWait();

        /** How many top games the categories collector samples. */
        @WithDefault("100")
        int topGames();
    }

    interface Job {
        Duration interval();

        @WithDefault("true")
        boolean enabled();
    }

    interface Proxy {
        /** Redis response cache of the Helix proxy. */
        @WithDefault("false")
        boolean cacheEnabled();

        /** Cache TTL by first path segment (e.g. {@code streams=30s}, {@code users=1h}); unlisted endpoints are not cached. */
        Map<String, Duration> cacheTtl();

        /** Circuit breaker: failure ratio over the last {@code breaker-window} calls that opens it. */
        @WithDefault("0.5")
        double breakerFailureRatio();

        @WithDefault("20")
        int breakerWindow();

        @WithDefault("10s")
        Duration breakerDelay();
    }
}
