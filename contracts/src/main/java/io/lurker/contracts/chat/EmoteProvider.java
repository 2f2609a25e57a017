package io.lurker.contracts.chat;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an emote comes from. JSON values: twitch, bttv, ffz, 7tv. */
public enum EmoteProvider {
    @JsonProperty("twitch") TWITCH,
    @JsonProperty("bttv") BTTV,
    @JsonProperty("ffz") FFZ,
    @JsonProperty("7tv") SEVENTV
}
