package io.lurker.helix.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** Shapes of the typed API that Helix has no single endpoint for. Helix rows keep Twitch's field names. */
public final class HelixViews {

    private HelixViews() {
    }

    /** Helix-shaped list: {@code {"data": [...]}}. */
    public record Data(List<JsonNode> data) {
    }

    /** A game of the top-games ranking, with streams and viewers summed over all its live streams. */
    public record TopGame(int rank, String id, String name, String boxArtUrl, String igdbId, int streams, long viewers) {
    }

    public record TopGames(Instant sampledAt, List<TopGame> data) {
    }

    /** A channel's profile from several Helix endpoints. {@code schedule} is empty when Twitch has none (404). */
    public record ChannelProfile(JsonNode user, JsonNode channel, long followersTotal, List<JsonNode> teams,
                                 List<JsonNode> schedule, boolean hasSchedule, JsonNode stream) {
    }

    /** Clips of a range: every clip once, whatever the per-query cap. */
    public record ClipRange(Instant startedAt, Instant endedAt, long minViews, int total, int windows, boolean truncated,
                            List<JsonNode> data) {
    }

    /** What muting took from a VOD. */
    public record MutedSummary(int count, long seconds, double percent) {
    }

    /** A Helix video with its duration in seconds and the muted summary. */
    public record Vod(JsonNode video, long durationSeconds, MutedSummary muted) {
    }

    public record Vods(String userId, int total, List<Vod> data) {
    }
}
