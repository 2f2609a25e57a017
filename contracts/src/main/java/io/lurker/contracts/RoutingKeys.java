package io.lurker.contracts;

import java.util.Locale;

/**
 * The exchange and routing keys of DESIGN.md. Every publisher and consumer names its keys
 * through this class so a key can never be spelled two ways.
 */
public final class RoutingKeys {

    /** The one durable topic exchange all events travel on. */
    public static final String EXCHANGE = "lurker.events";

    public static final String STREAM_SNAPSHOT = "stream.snapshot";
    public static final String STREAM_EVENT = "stream.event";
    public static final String CATALOG_CHANNEL = "catalog.channel";
    public static final String CATALOG_CLIP = "catalog.clip";
    public static final String CATALOG_CLIP_VIEWS = "catalog.clip-views";
    public static final String CATALOG_VOD = "catalog.vod";
    public static final String CATALOG_CATEGORY = "catalog.category";
    public static final String CONTROL_WATCHLIST = "control.watchlist";

    /** Binding patterns for consumers that take every channel or video. */
    public static final String CHAT_MESSAGE_ALL = "chat.message.*";
    public static final String CHAT_EVENT_ALL = "chat.event.*";
    public static final String CHAT_REPLAY_ALL = "chat.replay.*";

    private RoutingKeys() {
    }

    /** {@code chat.message.<channel>}, channel being the lower-case login. */
    public static String chatMessage(String channelLogin) {
        return "chat.message." + segment(channelLogin);
    }

    /** {@code chat.event.<channel>}, channel being the lower-case login. */
    public static String chatEvent(String channelLogin) {
        return "chat.event." + segment(channelLogin);
    }

    /** {@code chat.replay.<video_id>}. */
    public static String chatReplay(String videoId) {
        return "chat.replay." + segment(videoId);
    }

    /**
     * A routing key segment: lower case, and no '.', '*' or '#' (which would split it or
     * act as wildcards). Twitch logins are [a-z0-9_] so they pass unchanged.
     */
    static String segment(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("routing key segment must not be blank");
        }
        return value.toLowerCase(Locale.ROOT).replaceAll("[.*#\\s]", "_");
    }
}
