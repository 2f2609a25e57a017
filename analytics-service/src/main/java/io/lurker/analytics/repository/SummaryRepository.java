package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.doubleValue;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** Totals over a set of channels for the collection summary. */
@ApplicationScoped
public class SummaryRepository {

    public record VodTotals(long vods, Double averageSeconds, long withMutedAudio) {
    }

    public record EmoteTotal(String provider, String emoteId, String name, long uses) {
    }

    /** Channels seen live in the game during the window, or broadcasting its clips. */
    public List<String[]> channelsOfGame(Connection c, String gameId, Instant from, Instant to) throws SQLException {
        return Params.list(c, """
                SELECT ch.channel_id, ch.login FROM channel ch
                WHERE ch.channel_id IN (
                    SELECT channel_id FROM stream_snapshot WHERE live AND game_id = ? AND sampled_at >= ? AND sampled_at < ?
                    UNION SELECT broadcaster_id FROM clip WHERE game_id = ? AND created_at >= ? AND created_at < ?)
                ORDER BY ch.login""", rs -> new String[] {rs.getString(1), rs.getString(2)},
                gameId, from, to, gameId, from, to);
    }

    public long clips(Connection c, String[] channelIds, String gameId, Instant from, Instant to) throws SQLException {
        String game = gameId == null ? "" : " AND game_id = ?";
        Object[] params = gameId == null ? new Object[] {channelIds, from, to} : new Object[] {channelIds, from, to, gameId};
        return Params.one(c, "SELECT count(*) AS n FROM clip WHERE broadcaster_id = ANY(?) AND created_at >= ? AND created_at < ?"
                + game, rs -> rs.getLong("n"), params);
    }

    public VodTotals vods(Connection c, String[] channelIds, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT count(*) AS n, avg(duration_seconds) AS avg_seconds, count(*) FILTER (WHERE muted_seconds > 0) AS muted
                FROM vod WHERE user_id = ANY(?) AND created_at >= ? AND created_at < ?""",
                rs -> new VodTotals(rs.getLong("n"), doubleValue(rs, "avg_seconds"), rs.getLong("muted")),
                channelIds, from, to);
    }

    public long chatMessages(Connection c, String[] channelIds, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT coalesce(sum(messages), 0) AS n FROM chat_minute
                WHERE channel_id = ANY(?) AND minute >= ? AND minute < ?""", rs -> rs.getLong("n"), channelIds, from, to);
    }

    public List<EmoteTotal> topEmotes(Connection c, String[] channelIds, Instant from, Instant to, int limit)
            throws SQLException {
        return Params.list(c, """
                SELECT provider, emote_id, max(emote_name) AS name, sum(uses) AS uses FROM chat_emote_minute
                WHERE channel_id = ANY(?) AND minute >= ? AND minute < ?
                GROUP BY 1, 2 ORDER BY uses DESC, provider, emote_id LIMIT ?""",
                rs -> new EmoteTotal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)),
                channelIds, from, to, limit);
    }
}
