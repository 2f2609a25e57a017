package io.lurker.emulator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Everything the emulator reads from configuration, under {@code lurker.emulator.*}. */
@ConfigMapping(prefix = "lurker.emulator")
public interface EmulatorConfig {

    /** Seed of the generated world: same seed and size, same world. */
    @WithDefault("42")
    long seed();

    /** Size preset: tiny, small, default, large (see {@code WorldSize}). */
    @WithDefault("default")
    String size();

    /** Overrides of the size preset. */
    WorldOverrides world();

    /** A hand-written JSON world (a file path or {@code classpath:...}) used instead of a generated one. */
    Optional<String> fixture();

    Clock clock();

    Auth auth();

    RateLimit rateLimit();

    /** Clips paging stops after this many results per query, as Twitch's does (~1,000). */
    @WithDefault("1000")
    int clipsPageCap();

    /** When set, every {@code /emulator/*} call must send it in {@code X-Emulator-Admin-Key}. */
    Optional<String> adminKey();

    /** Ports of the IRC (TMI) server ({@code io.lurker.emulator.irc.IrcServerConfig} has the rest). */
    Irc irc();

    interface Irc {
        @WithDefault("6667")
        int port();

        @WithDefault("6697")
        int tlsPort();
    }

    /** Registered applications: {@code lurker.emulator.clients.<client-id>.secret=...}. */
    Map<String, Client> clients();

    interface WorldOverrides {
        OptionalInt channels();

        OptionalInt games();

        OptionalInt teams();

        OptionalInt clipsPerChannel();

        OptionalInt videosPerChannel();

        OptionalInt historyDays();
    }

    interface Clock {
        /** real, accelerated or manual. */
        @WithDefault("real")
        String mode();

        /** Speed of the accelerated clock: world seconds per real second. */
        @WithDefault("60")
        double factor();

        /** Where the clock starts (RFC 3339); real mode defaults to now, the others to a fixed instant. */
        Optional<String> start();
    }

    interface Auth {
        /** Lifetime of app access tokens (Twitch: about 58 days). */
        @WithDefault("P58D")
        Duration appTokenLifetime();

        /** Lifetime of user access tokens (Twitch: about 4 hours). */
        @WithDefault("PT4H")
        Duration userTokenLifetime();

        /** Whether a refresh_token grant hands out a new refresh token and retires the old one. */
        @WithDefault("false")
        boolean rotateRefreshTokens();

        /** Lifetime of device codes. */
        @WithDefault("PT30M")
        Duration deviceCodeLifetime();
    }

    interface RateLimit {
        /** Points per minute of every bucket unless set per bucket. */
        @WithDefault("800")
        int pointsPerMinute();

        /** Per-bucket limits: {@code lurker.emulator.rate-limit.buckets."app:<client>"=120}. */
        Map<String, Integer> buckets();

        /**
         * Which time refills buckets: {@code real} (wall clock, what benchmarks need) or
         * {@code emulator} (the emulator clock, so tests can advance it to refill).
         */
        @WithDefault("real")
        String clock();
    }

    interface Client {
        String secret();

        /** Optional bucket size for this client's app bucket. */
        @WithName("points-per-minute")
        OptionalInt pointsPerMinute();
    }
}
