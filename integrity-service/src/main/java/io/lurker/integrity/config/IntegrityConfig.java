package io.lurker.integrity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** integrity-service settings: {@code lurker.integrity.*}. */
@ConfigMapping(prefix = "lurker.integrity")
public interface IntegrityConfig {

    /**
     * Off by default: Twitch's GraphQL and its integrity tokens are undocumented and outside
     * the developer agreement. Enable together with {@code lurker.gql.enabled}.
     */
    @WithDefault("false")
    boolean enabled();

    /** The channel whose page is opened to obtain a token (any existing login works). */
    @WithDefault("twitch")
    String channel();

    /** Redis key prefix of the stored token and the capture lock. */
    @WithDefault("lurker:integrity:")
    String redisPrefix();

    /** Capture a new token when the stored one expires within this time. */
    @WithDefault("PT15M")
    Duration refreshAhead();

    /** The stored token is dropped this long before its expiry, so nobody is handed a token about to lapse. */
    @WithDefault("PT2M")
    Duration expiryMargin();

    /** How often the refresher checks the stored token. */
    @WithDefault("30s")
    String checkInterval();

    /** At most one browser launch per this interval (Twitch's edge notices bursts of fresh browsers). */
    @WithDefault("PT30S")
    Duration minLaunchInterval();

    /** How long one capture (launch, page, token, GraphQL request) may take. */
    @WithDefault("PT60S")
    Duration captureTimeout();

    /** Lifetime assumed when the page's integrity answer carries no expiration. */
    @WithDefault("PT1H")
    Duration assumedLifetime();

    /**
     * The browser's user agent; unset: Chromium's own, with {@code HeadlessChrome} turned into
     * {@code Chrome}. gql-gateway's guarded calls reuse whatever the capture used.
     */
    Optional<String> userAgent();

    /** Outbound proxy of the browser and the probe: {@code http://user:pass@host:port} or {@code socks5://host:port}. Never logged. */
    Optional<String> proxyUrl();

    Browser browser();

    interface Browser {
        /** Debian's Chromium; Playwright's browser downloads stay disabled. */
        @WithDefault("/usr/bin/chromium")
        String executable();

        @WithDefault("true")
        boolean headless();

        /** Chromium flags: no background networking (the machine's network is closed), no GPU, no QUIC. */
        @WithDefault("--no-sandbox,--disable-gpu,--disable-quic,--no-first-run,--disable-background-networking,--disable-component-update,--disable-sync,--disable-dev-shm-usage")
        List<String> args();
    }
}
