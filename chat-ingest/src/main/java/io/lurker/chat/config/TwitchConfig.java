package io.lurker.chat.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Twitch hosts ({@code lurker.twitch.*}): real Twitch by default, the emulator under dev and test. */
@ConfigMapping(prefix = "lurker.twitch")
public interface TwitchConfig {

    @WithDefault("irc.chat.twitch.tv")
    String ircHost();

    @WithDefault("6697")
    int ircPort();

    @WithDefault("true")
    boolean ircTls();

    /** id.twitch.tv (token validation gives the login of a leased user token). */
    @WithDefault("https://id.twitch.tv/oauth2")
    String idUrl();

    @WithDefault("https://api.betterttv.net/3")
    String bttvUrl();

    @WithDefault("https://api.frankerfacez.com/v1")
    String ffzUrl();

    @WithDefault("https://7tv.io/v3")
    String seventvUrl();

    /** Not used by chat-ingest; declared because the suite configures every {@code lurker.twitch.*} key together. */
    Optional<String> helixUrl();

    Optional<String> gqlUrl();

    Optional<String> webUrl();
}
