package io.lurker.helix.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code lurker.twitch.*}: the Twitch hosts this service calls (the emulator in dev and test). */
@ConfigMapping(prefix = "lurker.twitch")
public interface TwitchUrls {

    /** Helix base URL, e.g. {@code https://api.twitch.tv/helix}. */
    String helixUrl();

    /** id.twitch.tv OAuth base URL, e.g. {@code https://id.twitch.tv/oauth2} (standalone app tokens). */
    String idUrl();

    /** The other Twitch hosts of {@code lurker.twitch.*}, not called by this service (declared so that shared config maps). */
    Optional<String> gqlUrl();

    Optional<String> webUrl();

    Optional<String> bttvUrl();

    Optional<String> ffzUrl();

    Optional<String> seventvUrl();

    Optional<String> ircHost();

    Optional<String> ircPort();

    Optional<String> ircTls();
}
