package io.lurker.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Erases one user's chat from raw and derived data: the rollups are decremented by exactly
 * what the user's stored messages added, then the messages, chatter rows, emote-user rows and
 * events about the user are deleted.
 */
@ApplicationScoped
public class ChatErasureRepository {

    /** Erased counts. */
    public record Erased(int messages, int events, int rollupMinutes, int emoteMinutes) {
    }

    private static final String MINUTES = """
            WITH m AS (
                SELECT channel_id, date_trunc('minute', sent_at) AS minute, count(*) AS n,
                       count(*) FILTER (WHERE subscriber) AS subs, count(*) FILTER (WHERE moderator) AS mods,
                       count(*) FILTER (WHERE vip) AS vips, sum(bits) AS bits,
                       sum((SELECT coalesce(sum(split_part(e, ':', 3)::int), 0) FROM unnest(emotes) e)) AS emotes
                FROM chat_message WHERE user_id = ? GROUP BY 1, 2
            )
            UPDATE chat_minute r SET messages = r.messages - m.n, unique_chatters = r.unique_chatters - 1,
                   subscriber_messages = r.subscriber_messages - m.subs, moderator_messages = r.moderator_messages - m.mods,
                   vip_messages = r.vip_messages - m.vips, bits = r.bits - m.bits, emotes = r.emotes - m.emotes
            FROM m WHERE r.channel_id = m.channel_id AND r.minute = m.minute
            """;

    private static final String EMOTE_MINUTES = """
            WITH e AS (
                SELECT channel_id, date_trunc('minute', sent_at) AS minute, split_part(x, ':', 1) AS provider,
                       split_part(x, ':', 2) AS emote_id, sum(split_part(x, ':', 3)::int) AS uses, count(*) AS msgs
                FROM chat_message, unnest(emotes) AS x WHERE user_id = ? GROUP BY 1, 2, 3, 4
            )
            UPDATE chat_emote_minute em SET uses = em.uses - e.uses, messages = em.messages - e.msgs
            FROM e WHERE em.channel_id = e.channel_id AND em.minute = e.minute AND em.provider = e.provider
              AND em.emote_id = e.emote_id
            """;

    private static final String EMOTE_USERS = """
            DELETE FROM chat_emote_user_day d USING (
                SELECT DISTINCT channel_id, (sent_at AT TIME ZONE 'UTC')::date AS day, split_part(x, ':', 1) AS provider,
                       split_part(x, ':', 2) AS emote_id
                FROM chat_message, unnest(emotes) AS x WHERE user_id = ?) e
            WHERE d.channel_id = e.channel_id AND d.day = e.day AND d.provider = e.provider AND d.emote_id = e.emote_id
              AND d.user_id = ?
            """;

    private static final String CHATTERS = """
            DELETE FROM chat_minute_chatter c USING (
                SELECT DISTINCT channel_id, date_trunc('minute', sent_at) AS minute FROM chat_message WHERE user_id = ?) m
            WHERE c.channel_id = m.channel_id AND c.minute = m.minute AND c.user_id = ?
            """;

    public Erased erase(Connection c, String userId) throws SQLException {
        int minutes = update(c, MINUTES, userId);
        int emoteMinutes = update(c, EMOTE_MINUTES, userId);
        update(c, EMOTE_USERS, userId, userId);
        update(c, CHATTERS, userId, userId);
        update(c, "DELETE FROM chat_minute WHERE messages <= 0");
        update(c, "DELETE FROM chat_emote_minute WHERE uses <= 0");
        int messages = update(c, "DELETE FROM chat_message WHERE user_id = ?", userId);
        int events = update(c, "DELETE FROM chat_event WHERE user_id = ?", userId);
        return new Erased(messages, events, minutes, emoteMinutes);
    }

    private static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = Params.prepare(c, sql, params)) {
            return st.executeUpdate();
        }
    }
}
