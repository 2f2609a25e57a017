package io.lurker.analytics.repository;

import static io.lurker.analytics.repository.Params.instant;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Chat numbers from the per-minute rollups, and chat lines from the raw messages. */
@ApplicationScoped
public class ChatAnalyticsRepository {

    public record Bucket(Instant start, long messages, long uniqueChatters, long subscriberMessages, long bits,
            long emotes) {
    }

    public record Emote(String provider, String emoteId, String name, long uses, long messages, Long uniqueUsers,
            double sharePercent, double shareOfProviderPercent) {
    }

    public record Chatter(String userId, String login, long messages, long activeMinutes) {
    }

    public record Line(Instant sentAt, String messageId, String userId, String login, String displayName, String text,
            boolean deleted, String source, Integer replayOffset) {
    }

    public record MinuteCount(Instant minute, long messages) {
    }

    /** Per bucket: sums from chat_minute, unique chatters counted over the whole bucket. */
    public List<Bucket> buckets(Connection c, String channelId, Instant from, Instant to, int g) throws SQLException {
        return Params.list(c, """
                WITH m AS (
                    SELECT to_timestamp(floor(extract(epoch FROM minute) / ?) * ?) AS bk, sum(messages) AS messages,
                           sum(subscriber_messages) AS subs, sum(bits) AS bits, sum(emotes) AS emotes
                    FROM chat_minute WHERE channel_id = ? AND minute >= ? AND minute < ? GROUP BY 1
                ), u AS (
                    SELECT to_timestamp(floor(extract(epoch FROM minute) / ?) * ?) AS bk, count(DISTINCT user_id) AS chatters
                    FROM chat_minute_chatter WHERE channel_id = ? AND minute >= ? AND minute < ? GROUP BY 1
                )
                SELECT m.bk, m.messages, coalesce(u.chatters, 0) AS chatters, m.subs, m.bits, m.emotes
                FROM m LEFT JOIN u USING (bk) ORDER BY 1""",
                rs -> new Bucket(instant(rs, "bk"), rs.getLong("messages"), rs.getLong("chatters"), rs.getLong("subs"),
                        rs.getLong("bits"), rs.getLong("emotes")),
                g, g, channelId, from, to, g, g, channelId, from, to);
    }

    /** Totals over the window: [messages, unique chatters]. */
    public long[] totals(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.one(c, """
                SELECT (SELECT coalesce(sum(messages), 0) FROM chat_minute
                        WHERE channel_id = ? AND minute >= ? AND minute < ?) AS messages,
                       (SELECT count(DISTINCT user_id) FROM chat_minute_chatter
                        WHERE channel_id = ? AND minute >= ? AND minute < ?) AS chatters""",
                rs -> new long[] {rs.getLong(1), rs.getLong(2)}, channelId, from, to, channelId, from, to);
    }

    /**
     * Emotes by uses. Unique users come from the per-day table: they are exact over the UTC days
     * the window touches.
     */
    public List<Emote> emotes(Connection c, String channelId, String provider, Instant from, Instant to, int limit)
            throws SQLException {
        String byProvider = provider == null ? "" : " AND provider = ?";
        String sql = """
                WITH e AS (
                    SELECT provider, emote_id, max(emote_name) AS name, sum(uses) AS uses, sum(messages) AS messages
                    FROM chat_emote_minute WHERE channel_id = ? AND minute >= ? AND minute < ?%1$s
                    GROUP BY 1, 2 HAVING sum(uses) > 0
                ), u AS (
                    SELECT provider, emote_id, count(DISTINCT user_id) AS users FROM chat_emote_user_day
                    WHERE channel_id = ? AND day >= (?::timestamptz AT TIME ZONE 'UTC')::date
                      AND day <= ((?::timestamptz - interval '1 microsecond') AT TIME ZONE 'UTC')::date%1$s
                    GROUP BY 1, 2
                )
                SELECT e.provider, e.emote_id, e.name, e.uses, e.messages, u.users,
                       100.0 * e.uses / sum(e.uses) OVER () AS share,
                       100.0 * e.uses / sum(e.uses) OVER (PARTITION BY e.provider) AS provider_share
                FROM e LEFT JOIN u USING (provider, emote_id)
                ORDER BY e.uses DESC, e.provider, e.emote_id LIMIT ?""".formatted(byProvider);
        Object[] params = provider == null
                ? new Object[] {channelId, from, to, channelId, from, to, limit}
                : new Object[] {channelId, from, to, provider, channelId, from, to, provider, limit};
        return Params.list(c, sql, rs -> new Emote(rs.getString("provider"), rs.getString("emote_id"),
                rs.getString("name"), rs.getLong("uses"), rs.getLong("messages"), Params.longValue(rs, "users"),
                Math.round(rs.getDouble("share") * 100) / 100.0, Math.round(rs.getDouble("provider_share") * 100) / 100.0),
                params);
    }

    public List<Chatter> topChatters(Connection c, String channelId, Instant from, Instant to, int limit)
            throws SQLException {
        return Params.list(c, """
                SELECT user_id, max(user_login) AS login, sum(messages) AS messages, count(*) AS minutes
                FROM chat_minute_chatter WHERE channel_id = ? AND minute >= ? AND minute < ?
                GROUP BY user_id ORDER BY messages DESC, user_id LIMIT ?""",
                rs -> new Chatter(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)),
                channelId, from, to, limit);
    }

    /** The first minute with chat of the channel, or null. */
    public Instant firstMinute(Connection c, String channelId) throws SQLException {
        return Params.one(c, "SELECT min(minute) AS m FROM chat_minute WHERE channel_id = ?", rs -> instant(rs, "m"),
                channelId);
    }

    public List<MinuteCount> minutes(Connection c, String channelId, Instant from, Instant to) throws SQLException {
        return Params.list(c, """
                SELECT minute, messages FROM chat_minute WHERE channel_id = ? AND minute >= ? AND minute < ?
                ORDER BY minute""", rs -> new MinuteCount(instant(rs, "minute"), rs.getLong("messages")),
                channelId, from, to);
    }

    /** A day's lines of a channel, optionally of one user (id or login), in order, after a cursor time. */
    public List<Line> logs(Connection c, String channelId, LocalDate day, String user, Instant after, int limit)
            throws SQLException {
        Instant from = day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant start = after != null && after.isAfter(from) ? after : from;
        Instant to = from.plusSeconds(86400);
        String byUser = user == null ? "" : " AND (user_id = ? OR user_login = ?)";
        String sql = "SELECT " + LINE + " FROM chat_message WHERE channel_id = ? AND sent_at >= ? AND sent_at < ?"
                + (after != null ? " AND sent_at > ?" : "") + byUser + " ORDER BY sent_at, message_id LIMIT ?";
        java.util.List<Object> params = new java.util.ArrayList<>(List.of(channelId, from, to));
        if (after != null) {
            params.add(start);
        }
        if (user != null) {
            params.add(user);
            params.add(user.toLowerCase(java.util.Locale.ROOT));
        }
        params.add(limit);
        return Params.list(c, sql, ChatAnalyticsRepository::line, params.toArray());
    }

    /** Full-text search (simple configuration: words, no stemming) within a channel and window, newest first. */
    public List<Line> search(Connection c, String channelId, String query, Instant from, Instant to, int limit)
            throws SQLException {
        return Params.list(c, "SELECT " + LINE + """
                 FROM chat_message WHERE channel_id = ? AND sent_at >= ? AND sent_at < ?
                  AND to_tsvector('simple', text) @@ plainto_tsquery('simple', ?)
                ORDER BY sent_at DESC LIMIT ?""", ChatAnalyticsRepository::line, channelId, from, to, query, limit);
    }

    private static final String LINE = "sent_at, message_id, user_id, user_login, display_name, text, deleted, source, replay_offset";

    private static Line line(java.sql.ResultSet rs) throws SQLException {
        return new Line(instant(rs, "sent_at"), rs.getString("message_id"), rs.getString("user_id"),
                rs.getString("user_login"), rs.getString("display_name"), rs.getString("text"), rs.getBoolean("deleted"),
                rs.getString("source"), Params.integer(rs, "replay_offset"));
    }
}
