package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.instant;
import static io.lurker.analytics.repository.Params.integer;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Clips and their view samples. */
@ApplicationScoped
public class ClipRepository {

    /** A clip with its latest view count; views per day = views ÷ max(1, days between creation and the sample). */
    public record Clip(String id, String title, String broadcasterId, String broadcasterName, String creatorName,
            String gameId, String url, String videoId, Integer vodOffset, double durationSeconds, long views,
            Instant createdAt, Instant sampledAt, double viewsPerDay) {
    }

    public record Sample(Instant sampledAt, double hoursSinceCreated, long views) {
    }

    /** Views gained per hour over the clip's first day of samples. */
    public record Velocity(String id, String title, String broadcasterName, long views, Instant createdAt,
            double viewsPerHour, long firstViews, Instant firstSampledAt, Instant lastSampledAt) {
    }

    private static final String CLIP_COLUMNS = """
            clip_id, title, broadcaster_id, broadcaster_name, creator_name, game_id, url, video_id, vod_offset,
            coalesce(duration_seconds, 0) AS duration_seconds, view_count, created_at, last_sampled_at,
            view_count / greatest(1.0, extract(epoch FROM last_sampled_at - created_at) / 86400) AS views_per_day
            """;

    /**
     * Clips created in the window, of the given channels (ids) and/or game, or of the watched
     * channels when neither is given; ordered by views.
     */
    public List<Clip> top(Connection c, String[] channelIds, String gameId, Instant from, Instant to, int limit,
            boolean byViewsPerDay) throws SQLException {
        String scope = channelIds.length > 0 ? "broadcaster_id = ANY(?)" : "TRUE";
        String game = gameId != null ? "game_id = ?" : "TRUE";
        String watched = channelIds.length == 0 && gameId == null
                ? "broadcaster_id IN (SELECT id FROM watchlist_entry WHERE kind = 'channel')" : "TRUE";
        String sql = "SELECT " + CLIP_COLUMNS + " FROM clip WHERE " + scope + " AND " + game + " AND " + watched
                + " AND created_at >= ? AND created_at < ? ORDER BY "
                + (byViewsPerDay ? "views_per_day DESC" : "view_count DESC") + ", clip_id LIMIT ?";
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (channelIds.length > 0) {
            params.add(channelIds);
        }
        if (gameId != null) {
            params.add(gameId);
        }
        params.add(from);
        params.add(to);
        params.add(limit);
        return Params.list(c, sql, ClipRepository::clip, params.toArray());
    }

    public Clip clip(Connection c, String clipId) throws SQLException {
        return Params.one(c, "SELECT " + CLIP_COLUMNS + " FROM clip WHERE clip_id = ?", ClipRepository::clip, clipId);
    }

    public List<Sample> trajectory(Connection c, String clipId, Instant createdAt, Instant until) throws SQLException {
        return Params.list(c, """
                SELECT sampled_at, view_count FROM clip_view_sample
                WHERE clip_id = ? AND sampled_at >= ? AND sampled_at <= ? ORDER BY sampled_at""",
                rs -> new Sample(instant(rs, "sampled_at"),
                        Math.round((instant(rs, "sampled_at").getEpochSecond() - createdAt.getEpochSecond()) / 36.0) / 100.0,
                        rs.getLong("view_count")), clipId, createdAt, until);
    }

    public List<Velocity> velocity(Connection c, Instant from, Instant to, int limit) throws SQLException {
        return Params.list(c, """
                SELECT clip_id, title, broadcaster_name, view_count, created_at, first_view_count, first_sampled_at,
                       day_sampled_at,
                       CASE WHEN day_sampled_at > first_sampled_at
                            THEN (day_view_count - first_view_count) / (extract(epoch FROM day_sampled_at - first_sampled_at) / 3600)
                            -- one sample only: views since creation
                            ELSE first_view_count / greatest(extract(epoch FROM first_sampled_at - created_at) / 3600, 1.0 / 60)
                       END AS per_hour
                FROM clip WHERE created_at >= ? AND created_at < ? AND first_sampled_at IS NOT NULL
                ORDER BY per_hour DESC NULLS LAST, clip_id LIMIT ?""",
                rs -> new Velocity(rs.getString("clip_id"), rs.getString("title"), rs.getString("broadcaster_name"),
                        rs.getLong("view_count"), instant(rs, "created_at"),
                        Math.round(rs.getDouble("per_hour") * 100) / 100.0, rs.getLong("first_view_count"),
                        instant(rs, "first_sampled_at"), instant(rs, "day_sampled_at")), from, to, limit);
    }

    private static Clip clip(java.sql.ResultSet rs) throws SQLException {
        return new Clip(rs.getString("clip_id"), rs.getString("title"), rs.getString("broadcaster_id"),
                rs.getString("broadcaster_name"), rs.getString("creator_name"), rs.getString("game_id"),
                rs.getString("url"), rs.getString("video_id"), integer(rs, "vod_offset"),
                rs.getDouble("duration_seconds"), rs.getLong("view_count"), instant(rs, "created_at"),
                instant(rs, "last_sampled_at"), Math.round(rs.getDouble("views_per_day") * 100) / 100.0);
    }
}
