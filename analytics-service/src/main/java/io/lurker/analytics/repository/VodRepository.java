package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.instant;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** VODs with their muted segments and chapters. */
@ApplicationScoped
public class VodRepository {

    public record Vod(String id, String userId, String userLogin, String title, String type, Instant createdAt,
            long durationSeconds, long views, int mutedSegments, long mutedSeconds, double mutedPercent, String url) {
    }

    public record Chapter(int positionSeconds, int durationSeconds, String gameId, String gameName,
            String description) {
    }

    private static final String COLUMNS = """
            v.video_id, v.user_id, v.user_login, v.title, v.type, v.created_at, v.duration_seconds, v.view_count,
            (SELECT count(*) FROM vod_muted_segment m WHERE m.video_id = v.video_id) AS muted_segments,
            v.muted_seconds, v.url
            """;

    public List<Vod> list(Connection c, String[] channelIds, Instant from, Instant to, int limit) throws SQLException {
        String scope = channelIds.length > 0 ? "v.user_id = ANY(?)"
                : "v.user_id IN (SELECT id FROM watchlist_entry WHERE kind = 'channel')";
        String sql = "SELECT " + COLUMNS + " FROM vod v WHERE " + scope
                + " AND v.created_at >= ? AND v.created_at < ? ORDER BY v.created_at DESC, v.video_id LIMIT ?";
        Object[] params = channelIds.length > 0 ? new Object[] {channelIds, from, to, limit} : new Object[] {from, to, limit};
        return Params.list(c, sql, VodRepository::vod, params);
    }

    public Vod vod(Connection c, String videoId) throws SQLException {
        return Params.one(c, "SELECT " + COLUMNS + " FROM vod v WHERE v.video_id = ?", VodRepository::vod, videoId);
    }

    public List<Chapter> chapters(Connection c, String videoId) throws SQLException {
        return Params.list(c, """
                SELECT position_seconds, duration_seconds, game_id, game_name, description FROM vod_chapter
                WHERE video_id = ? ORDER BY position_seconds""", rs -> new Chapter(rs.getInt(1), rs.getInt(2),
                rs.getString(3), rs.getString(4), rs.getString(5)), videoId);
    }

    /** The archive VOD of the channel running at that moment, with the offset into it, or null. */
    public Object[] vodAt(Connection c, String channelId, Instant at) throws SQLException {
        return Params.one(c, """
                SELECT video_id, extract(epoch FROM ?::timestamptz - created_at)::int AS offset_seconds FROM vod
                WHERE user_id = ? AND created_at <= ? AND created_at + duration_seconds * interval '1 second' > ?
                ORDER BY created_at DESC LIMIT 1""", rs -> new Object[] {rs.getString(1), rs.getInt(2)},
                at, channelId, at, at);
    }

    private static Vod vod(java.sql.ResultSet rs) throws SQLException {
        long duration = rs.getLong("duration_seconds");
        long muted = rs.getLong("muted_seconds");
        return new Vod(rs.getString("video_id"), rs.getString("user_id"), rs.getString("user_login"),
                rs.getString("title"), rs.getString("type"), instant(rs, "created_at"), duration,
                rs.getLong("view_count"), rs.getInt("muted_segments"), muted,
                duration == 0 ? 0 : Math.round(10000.0 * muted / duration) / 100.0, rs.getString("url"));
    }
}
