package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.doubleValue;
import static io.lurker.analytics.repository.Params.longValue;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/** Per-channel counts of clips, VODs, followers and chat used by comparisons. */
@ApplicationScoped
public class ChannelStatsRepository {

    public record ClipStats(long clips, Double averageViews) {
    }

    public record VodStats(long vods, Double averageSeconds, long views) {
    }

    public Long latestFollowers(Connection c, String channelId, Instant before) throws SQLException {
        return Params.one(c, """
                SELECT followers_total FROM channel_follower_sample WHERE channel_id = ? AND sampled_at < ?
                ORDER BY sampled_at DESC LIMIT 1""", rs -> longValue(rs, "followers_total"), channelId, before);
    }

    public ClipStats clips(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT count(*) AS n, avg(view_count) AS avg_views FROM clip
                WHERE broadcaster_id = ? AND created_at >= ? AND created_at < ?""",
                rs -> new ClipStats(rs.getLong("n"), doubleValue(rs, "avg_views")), channelId, from, to);
    }

    public VodStats vods(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT count(*) AS n, avg(duration_seconds) AS avg_seconds, coalesce(sum(view_count), 0) AS views FROM vod
                WHERE user_id = ? AND created_at >= ? AND created_at < ?""",
                rs -> new VodStats(rs.getLong("n"), doubleValue(rs, "avg_seconds"), rs.getLong("views")),
                channelId, from, to);
    }

    public long chatMessages(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT coalesce(sum(messages), 0) AS n FROM chat_minute
                WHERE channel_id = ? AND minute >= ? AND minute < ?""", rs -> rs.getLong("n"), channelId, from, to);
    }
}
