package io.lurker.chat.irc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ROOMSTATE #channel}: the chat settings; the first one after a JOIN confirms it. Later
 * ROOMSTATEs may be partial: only the settings present in the line changed.
 */
public final class Roomstate extends ParsedLine {

    /** The setting tags a ROOMSTATE can carry. */
    public static final List<String> SETTINGS = List.of("emote-only", "followers-only", "r9k", "slow", "subs-only");

    private final String channelLogin;

    Roomstate(IrcLine irc, String channelLogin) {
        super(irc);
        this.channelLogin = channelLogin;
    }

    @Override
    public LineKind kind() {
        return LineKind.ROOMSTATE;
    }

    @Override
    public String channelLogin() {
        return channelLogin;
    }

    /** The settings present in this line (tag → raw value), in {@link #SETTINGS} order. */
    public Map<String, String> settings() {
        Map<String, String> present = new LinkedHashMap<>();
        for (String key : SETTINGS) {
            String value = irc.tag(key);
            if (value != null) {
                present.put(key, value);
            }
        }
        return present;
    }

    /** Followers-only minutes: -1 off, 0 any follower; null when this line does not say. */
    public Integer followersOnlyMinutes() {
        String value = irc.tagOrNull("followers-only");
        if (value == null) {
            return null;
        }
        if (value.equals("-1")) {
            return -1;
        }
        long minutes = irc.tagLong("followers-only", Long.MIN_VALUE);
        return minutes == Long.MIN_VALUE ? null : (int) Math.min(Integer.MAX_VALUE, minutes);
    }

    /** Slow mode seconds (0 off); null when this line does not say. */
    public Integer slowSeconds() {
        long seconds = irc.tagLong("slow", -1);
        return seconds < 0 ? null : (int) Math.min(Integer.MAX_VALUE, seconds);
    }
}
