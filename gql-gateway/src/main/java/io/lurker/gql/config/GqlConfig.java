package io.lurker.gql.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** gql-gateway settings: {@code lurker.gql.*}. */
@ConfigMapping(prefix = "lurker.gql")
public interface GqlConfig {

    /**
     * Off by default: Twitch's GraphQL is undocumented and outside the developer agreement.
     * While off, every GraphQL endpoint answers 503 and nothing calls Twitch's GraphQL.
     */
    @WithDefault("false")
    boolean enabled();

    /** The web client id sent with anonymous operations (guarded ones use the integrity token's). */
    String clientId();

    /** The user agent of anonymous calls; guarded calls use the browser's, which the token is bound to. */
    @WithDefault("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")
    String userAgent();

    /** Outbound proxy (same as integrity-service's): {@code http://user:pass@host:port} or {@code socks5://host:port}. Never logged. */
    Optional<String> proxyUrl();

    /** Redis key prefix: hash registry, replay progress and locks. */
    @WithDefault("lurker:gql:")
    String redisPrefix();

    /** At most this many GraphQL requests in flight from this instance. */
    @WithDefault("4")
    int maxConcurrency();

    @WithDefault("PT20S")
    Duration requestTimeout();

    /** integrity-service's base URL. */
    @WithDefault("http://127.0.0.1:8084")
    String integrityUrl();

    /** The Lurker API token (role internal) this service presents to integrity-service; from the environment in prod. */
    Optional<String> serviceToken();

    /** The channel page whose scripts are searched for persisted-query hashes. */
    @WithDefault("twitch")
    String discoveryChannel();

    /** Persisted operations by name: seed hash, integrity need, client id. */
    Map<String, Operation> operations();

    Replay replay();

    interface Operation {
        /** The hash the registry starts with; rediscovered from the site when Twitch rotates it. */
        Optional<String> hash();

        /** {@code none}, {@code always}, or {@code paging} (only when the variables carry a cursor). */
        @WithDefault("none")
        String integrity();

        /** A client id for this operation instead of {@code lurker.gql.client-id}. */
        Optional<String> clientId();
    }

    interface Replay {
        /** Jobs running at once on this instance. */
        @WithDefault("2")
        int maxJobs();

        /** Continue jobs that were running when the service stopped. */
        @WithDefault("true")
        boolean resumeOnStart();

        /** How long one job's lock lives without progress (another replica may take the job over after it). */
        @WithDefault("PT2M")
        Duration lockTtl();
    }
}
