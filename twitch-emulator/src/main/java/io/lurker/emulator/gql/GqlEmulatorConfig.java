package io.lurker.emulator.gql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The emulated gql.twitch.tv, its integrity endpoint and the channel web page: {@code lurker.emulator.gql.*}. */
@ConfigMapping(prefix = "lurker.emulator.gql")
public interface GqlEmulatorConfig {

    /**
     * The web client id the page sends and {@code /gql} accepts. Deliberately not Twitch's real
     * web client id: nothing aimed at the emulator should work against Twitch by accident.
     */
    @WithDefault("lurker-emulator-web-client")
    String webClientId();

    /** Further client ids {@code /gql} accepts (anonymous operations only unless a token was issued to them). */
    Optional<List<String>> extraClientIds();

    /** How long an integrity token is valid (Twitch: about an hour), measured on the wall clock. */
    @WithDefault("PT1H")
    Duration integrityLifetime();

    /** HMAC key that signs integrity tokens and page challenges; a random one per start when unset. */
    Optional<String> integritySecret();

    /** How long a page's integrity challenge stays answerable. */
    @WithDefault("PT10M")
    Duration challengeLifetime();

    Replay replay();

    interface Replay {
        /** Comments per viewer per minute of broadcast (before the per-minute cap). */
        @WithDefault("0.05")
        double commentsPerViewerMinute();

        /** At most this many comments in one minute of a VOD. */
        @WithDefault("60")
        int maxCommentsPerMinute();

        /** Comments per page of VideoCommentsByOffsetOrCursor. */
        @WithDefault("50")
        int pageSize();
    }
}
