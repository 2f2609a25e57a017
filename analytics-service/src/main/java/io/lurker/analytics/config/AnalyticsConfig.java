package io.lurker.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Configuration of analytics-service, prefix {@code lurker.analytics}. */
@ConfigMapping(prefix = "lurker.analytics")
public interface AnalyticsConfig {

    /** The PostgreSQL schema holding every table (tests use a random one). */
    @WithDefault("analytics")
    String schema();

    /** Base URL of helix-gateway, used to resolve logins and game names for the watchlist. */
    URI helixGatewayUrl();

    /** Lurker API token (roles internal and read) sent to helix-gateway. Never logged. */
    Optional<String> serviceToken();

    /** Prefix of the queue names this service declares ({@code analytics.chat-message}, ...). */
    @WithDefault("analytics.")
    String queuePrefix();

    /** Exchange that receives poison messages; each queue's dead-letter queue is bound to it. */
    @WithDefault("lurker.analytics.dlx")
    String deadLetterExchange();

    Partitions partitions();

    Retention retention();

    Api api();

    ChatWriter chatWriter();

    interface Partitions {
        /** Day partitions created ahead of today. */
        @WithDefault("3")
        int daysAhead();
    }

    interface Retention {
        /** Chat messages, events and chat rollups older than this many days are dropped. */
        @WithDefault("90")
        int chatDays();

        /** Stream snapshots older than this many days are dropped. */
        @WithDefault("400")
        int snapshotDays();
    }

    /** How live chat deliveries are written (group commit, see ChatWriteGroups). */
    interface ChatWriter {
        /** Threads writing chat; each write is one transaction over whatever deliveries have gathered. */
        @WithDefault("2")
        int threads();

        /** A write takes gathered deliveries until it holds at least this many messages. */
        @WithDefault("1000")
        int maxMessages();
    }

    interface Api {
        /** The most buckets one series may return. */
        @WithDefault("10000")
        int maxPoints();

        /** Used when no snapshot says how often a channel was polled. */
        @WithDefault("PT1M")
        Duration defaultPollInterval();
    }
}
