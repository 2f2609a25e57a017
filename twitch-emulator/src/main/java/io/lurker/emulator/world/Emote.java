package io.lurker.emulator.world;

import java.util.List;

/** A native Twitch emote. For global emotes {@code emoteType}, {@code tier} and {@code emoteSetId} are unused. */
public record Emote(String id, String name, String emoteType, String tier, String emoteSetId, boolean animated) {

    public List<String> formats() {
        return animated ? List.of("static", "animated") : List.of("static");
    }

    public String imageUrl(String scale) {
        return "https://static-cdn.jtvnw.net/emoticons/v2/" + id + "/static/light/" + scale;
    }
}
