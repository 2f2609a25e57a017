package io.lurker.contracts.stream;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum StreamEventKind {
    @JsonProperty("online") ONLINE,
    @JsonProperty("offline") OFFLINE,
    @JsonProperty("game_change") GAME_CHANGE,
    @JsonProperty("title_change") TITLE_CHANGE
}
