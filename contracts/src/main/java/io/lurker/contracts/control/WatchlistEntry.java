package io.lurker.contracts.control;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A watched channel or game. {@code name} is the channel login or the game name.
 */
public record WatchlistEntry(Kind kind, String id, String name) {

    public enum Kind {
        @JsonProperty("channel") CHANNEL,
        @JsonProperty("game") GAME
    }
}
