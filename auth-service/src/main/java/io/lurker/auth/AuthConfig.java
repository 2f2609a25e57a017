package io.lurker.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** {@code lurker.auth.*}: auth-service's own settings (the pool's are {@code lurker.token-pool.*}). */
@ConfigMapping(prefix = "lurker.auth")
public interface AuthConfig {

    /** The credential registered at start-up from the environment. */
    Startup startup();

    Lifecycle lifecycle();

    Jwt jwt();

    /** Longest wait for one call to Twitch's auth endpoints. */
    @WithDefault("10s")
    Duration twitchTimeout();

    interface Startup {
        /** {@code TWITCH_CLIENT_ID}: registered as a credential at start-up when set with the secret. */
        Optional<String> clientId();

        /** {@code TWITCH_CLIENT_SECRET}. */
        Optional<String> clientSecret();
    }

    interface Lifecycle {
        /** How often the lifecycle runs: mint missing app tokens, refresh expiring ones, replace invalid ones. */
        @WithDefault("30s")
        Duration interval();

        /** Tokens expiring sooner than this are renewed (user: refresh grant; app: new token in place). */
        @WithDefault("15m")
        Duration refreshMargin();

        /** Every token is validated against Twitch at start-up and this often (Twitch asks for hourly). */
        @WithDefault("1h")
        Duration validateInterval();

        /** Run the lifecycle at all (off only for tests that drive it by hand). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Jwt {
        /** PEM (PKCS#8) RSA private key that signs Lurker API tokens: file path or classpath resource. */
        @WithDefault("/etc/lurker/jwt-private.pem")
        String privateKeyLocation();

        /** Lifetime of an issued token when the request names none. */
        @WithDefault("1h")
        Duration defaultTtl();

        /** Longest lifetime a token may be issued with; also how long the revocation of an unknown token id is kept. */
        @WithDefault("P90D")
        Duration maxTtl();
    }
}
