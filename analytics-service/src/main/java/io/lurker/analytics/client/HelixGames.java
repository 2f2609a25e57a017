package io.lurker.analytics.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code {"data":[{"id","name","box_art_url","igdb_id"}]}} from helix-gateway. */
public record HelixGames(List<Game> data) {

    public record Game(String id, String name, @JsonProperty("box_art_url") String boxArtUrl,
            @JsonProperty("igdb_id") String igdbId) {
    }
}
