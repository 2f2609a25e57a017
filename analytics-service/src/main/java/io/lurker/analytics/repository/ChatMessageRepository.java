package io.lurker.analytics.repository;

import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatSource;
import io.lurker.contracts.chat.EmoteOccurrence;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes chat messages and their per-minute rollups in one statement. The messages go in as
 * column arrays ({@code unnest}), duplicates are skipped by the primary key, and the rollups
 * are incremented only from the rows the INSERT actually returned, so a redelivered batch
 * changes nothing anywhere.
 */
@ApplicationScoped
public class ChatMessageRepository {

    private static final String INSERT = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::text[], ?::text[], ?::bool[], ?::bool[], ?::bool[], ?::bool[],
                                     ?::int4[], ?::bool[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[])
                    AS t(message_id, sent_us, received_us, source, channel_id, channel_login, user_id, user_login,
                         display_name, text, action, subscriber, moderator, vip, bits, first_message,
                         reply_parent_id, replay_video_id, replay_offset, emotes, raw)
            ), prepared AS (
                SELECT i.*, timestamptz 'epoch' + i.sent_us * interval '1 microsecond' AS sent_at
                FROM input i
            ), ins AS (
                INSERT INTO chat_message (message_id, sent_at, received_at, source, channel_id, channel_login, user_id,
                        user_login, display_name, text, action, subscriber, moderator, vip, bits, first_message,
                        reply_parent_id, replay_video_id, replay_offset, emotes, deleted, raw)
                SELECT p.message_id, p.sent_at,
                       CASE WHEN p.received_us IS NULL THEN NULL
                            ELSE timestamptz 'epoch' + p.received_us * interval '1 microsecond' END,
                       p.source, p.channel_id, p.channel_login, p.user_id, p.user_login, p.display_name, p.text,
                       p.action, p.subscriber, p.moderator, p.vip, p.bits, p.first_message, p.reply_parent_id,
                       p.replay_video_id, p.replay_offset, string_to_array(p.emotes, ' '),
                       d.message_id IS NOT NULL, p.raw
                FROM prepared p
                LEFT JOIN chat_deleted_message d ON d.message_id = p.message_id
                ON CONFLICT DO NOTHING
                RETURNING message_id, channel_id, sent_at, user_id, user_login, subscriber, moderator, vip, bits
            ), emote_rows AS (
                SELECT ins.channel_id, date_trunc('minute', ins.sent_at) AS minute, ins.user_id,
                       e.provider, e.emote_id, e.name, e.uses
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::int4[])
                    AS e(message_id, provider, emote_id, name, uses)
                JOIN ins ON ins.message_id = e.message_id
            ), chatter_groups AS (
                SELECT channel_id, date_trunc('minute', sent_at) AS minute, user_id, max(user_login) AS user_login,
                       count(*) AS n
                FROM ins GROUP BY 1, 2, 3
            ), chatters AS (
                INSERT INTO chat_minute_chatter AS c (channel_id, minute, user_id, user_login, messages)
                SELECT channel_id, minute, user_id, user_login, n FROM chatter_groups ORDER BY 1, 2, 3
                ON CONFLICT (channel_id, minute, user_id) DO UPDATE SET messages = c.messages + EXCLUDED.messages
                RETURNING channel_id, minute, user_id, messages
            ), fresh_chatters AS (
                -- a row whose count equals this batch's increment did not exist before: a new chatter
                SELECT ch.channel_id, ch.minute, count(*) FILTER (WHERE ch.messages = g.n) AS fresh
                FROM chatters ch JOIN chatter_groups g USING (channel_id, minute, user_id)
                GROUP BY 1, 2
            ), minutes AS (
                INSERT INTO chat_minute AS r (channel_id, minute, messages, unique_chatters, subscriber_messages,
                        moderator_messages, vip_messages, bits, emotes)
                SELECT m.channel_id, m.minute, m.messages, coalesce(c.fresh, 0), m.subs, m.mods, m.vips, m.bits,
                       coalesce(e.uses, 0)
                FROM (SELECT channel_id, date_trunc('minute', sent_at) AS minute, count(*) AS messages,
                             count(*) FILTER (WHERE subscriber) AS subs, count(*) FILTER (WHERE moderator) AS mods,
                             count(*) FILTER (WHERE vip) AS vips, sum(bits) AS bits
                      FROM ins GROUP BY 1, 2) m
                LEFT JOIN fresh_chatters c USING (channel_id, minute)
                LEFT JOIN (SELECT channel_id, minute, sum(uses) AS uses FROM emote_rows GROUP BY 1, 2) e
                          USING (channel_id, minute)
                ORDER BY 1, 2
                ON CONFLICT (channel_id, minute) DO UPDATE SET
                    messages = r.messages + EXCLUDED.messages,
                    unique_chatters = r.unique_chatters + EXCLUDED.unique_chatters,
                    subscriber_messages = r.subscriber_messages + EXCLUDED.subscriber_messages,
                    moderator_messages = r.moderator_messages + EXCLUDED.moderator_messages,
                    vip_messages = r.vip_messages + EXCLUDED.vip_messages,
                    bits = r.bits + EXCLUDED.bits,
                    emotes = r.emotes + EXCLUDED.emotes
                RETURNING 1
            ), emote_minutes AS (
                INSERT INTO chat_emote_minute AS em (channel_id, minute, provider, emote_id, emote_name, uses, messages)
                SELECT channel_id, minute, provider, emote_id, max(name), sum(uses), count(*)
                FROM emote_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
                ON CONFLICT (channel_id, minute, provider, emote_id) DO UPDATE SET
                    uses = em.uses + EXCLUDED.uses, messages = em.messages + EXCLUDED.messages,
                    emote_name = EXCLUDED.emote_name
                RETURNING 1
            ), emote_users AS (
                INSERT INTO chat_emote_user_day (channel_id, day, provider, emote_id, user_id)
                SELECT DISTINCT channel_id, (minute AT TIME ZONE 'UTC')::date, provider, emote_id, user_id
                FROM emote_rows ORDER BY 1, 2, 3, 4, 5
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM minutes),
                   (SELECT count(*) FROM emote_minutes), (SELECT count(*) FROM emote_users)
            """;

    // VOD replay and live chat carry the same message ids but their timestamps may differ a little.
    private static final String TWINS = """
            SELECT message_id FROM chat_message
            WHERE channel_id = ? AND sent_at BETWEEN ?::timestamptz - interval '2 minutes' AND ?::timestamptz + interval '2 minutes'
              AND message_id = ANY(?)
            """;

    /** The ids among these that are already stored in the channel around the same time (live twins of replay). */
    public java.util.Set<String> storedAround(Connection connection, String channelId, java.time.Instant from,
            java.time.Instant to, java.util.Collection<String> ids) throws SQLException {
        java.util.Set<String> found = new java.util.HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(TWINS)) {
            statement.setString(1, channelId);
            statement.setTimestamp(2, java.sql.Timestamp.from(from));
            statement.setTimestamp(3, java.sql.Timestamp.from(to));
            statement.setArray(4, Sql.array(connection, "text", ids.toArray(new String[0])));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1));
                }
            }
        }
        return found;
    }

    /**
     * Inserts the messages (already free of duplicate ids) and updates the rollups.
     *
     * @return how many messages were new
     */
    public int insert(Connection connection, List<ChatMessage> messages) throws SQLException {
        int n = messages.size();
        String[] ids = new String[n];
        long[] sent = new long[n];
        Long[] received = new Long[n];
        String[] source = new String[n];
        String[] channelId = new String[n];
        String[] channelLogin = new String[n];
        String[] userId = new String[n];
        String[] userLogin = new String[n];
        String[] displayName = new String[n];
        String[] text = new String[n];
        boolean[] action = new boolean[n];
        boolean[] subscriber = new boolean[n];
        boolean[] moderator = new boolean[n];
        boolean[] vip = new boolean[n];
        int[] bits = new int[n];
        boolean[] first = new boolean[n];
        String[] replyParent = new String[n];
        String[] replayVideo = new String[n];
        Integer[] replayOffset = new Integer[n];
        String[] emotes = new String[n];
        String[] raw = new String[n];
        List<String> emoteMessage = new ArrayList<>();
        List<String> emoteProvider = new ArrayList<>();
        List<String> emoteId = new ArrayList<>();
        List<String> emoteName = new ArrayList<>();
        List<Integer> emoteUses = new ArrayList<>();
        StringBuilder emoteList = new StringBuilder();
        for (int i = 0; i < n; i++) {
            ChatMessage m = messages.get(i);
            ChatAuthor author = m.author();
            ids[i] = m.id();
            sent[i] = Sql.micros(m.sentAt());
            received[i] = m.receivedAt() == null ? null : Sql.micros(m.receivedAt());
            source[i] = ChatSources.name(m.source());
            channelId[i] = m.channelId();
            channelLogin[i] = m.channelLogin();
            userId[i] = author.userId();
            userLogin[i] = Sql.clean(author.login());
            displayName[i] = Sql.clean(author.displayName());
            text[i] = Sql.clean(m.text());
            action[i] = m.action();
            subscriber[i] = author.subscriber();
            moderator[i] = author.moderator();
            vip[i] = author.vip();
            bits[i] = m.bits();
            first[i] = m.firstMessage();
            replyParent[i] = m.reply() == null ? null : Sql.clean(m.reply().messageId());
            replayVideo[i] = m.replay() == null ? null : Sql.clean(m.replay().videoId());
            replayOffset[i] = m.replay() == null ? null : m.replay().contentOffsetSeconds();
            raw[i] = Sql.clean(m.raw());
            emoteList.setLength(0);
            for (Map.Entry<String, EmoteUse> use : mergeEmotes(m.emotes()).entrySet()) {
                EmoteUse e = use.getValue();
                emoteMessage.add(m.id());
                emoteProvider.add(e.provider);
                emoteId.add(e.id);
                emoteName.add(e.name);
                emoteUses.add(e.count);
                if (!emoteList.isEmpty()) {
                    emoteList.append(' ');
                }
                emoteList.append(use.getKey()).append(':').append(e.count);
            }
            emotes[i] = emoteList.isEmpty() ? null : emoteList.toString();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            int p = 1;
            statement.setArray(p++, Sql.array(connection, "text", ids));
            statement.setArray(p++, Sql.array(connection, "int8", sent));
            statement.setArray(p++, Sql.array(connection, "int8", received));
            statement.setArray(p++, Sql.array(connection, "text", source));
            statement.setArray(p++, Sql.array(connection, "text", channelId));
            statement.setArray(p++, Sql.array(connection, "text", channelLogin));
            statement.setArray(p++, Sql.array(connection, "text", userId));
            statement.setArray(p++, Sql.array(connection, "text", userLogin));
            statement.setArray(p++, Sql.array(connection, "text", displayName));
            statement.setArray(p++, Sql.array(connection, "text", text));
            statement.setArray(p++, Sql.array(connection, "bool", action));
            statement.setArray(p++, Sql.array(connection, "bool", subscriber));
            statement.setArray(p++, Sql.array(connection, "bool", moderator));
            statement.setArray(p++, Sql.array(connection, "bool", vip));
            statement.setArray(p++, Sql.array(connection, "int4", bits));
            statement.setArray(p++, Sql.array(connection, "bool", first));
            statement.setArray(p++, Sql.array(connection, "text", replyParent));
            statement.setArray(p++, Sql.array(connection, "text", replayVideo));
            statement.setArray(p++, Sql.array(connection, "int4", replayOffset));
            statement.setArray(p++, Sql.array(connection, "text", emotes));
            statement.setArray(p++, Sql.array(connection, "text", raw));
            statement.setArray(p++, Sql.array(connection, "text", emoteMessage.toArray(new String[0])));
            statement.setArray(p++, Sql.array(connection, "text", emoteProvider.toArray(new String[0])));
            statement.setArray(p++, Sql.array(connection, "text", emoteId.toArray(new String[0])));
            statement.setArray(p++, Sql.array(connection, "text", emoteName.toArray(new String[0])));
            statement.setArray(p, Sql.array(connection, "int4", emoteUses.toArray(new Integer[0])));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** One emote's uses in one message, occurrences of the same emote merged. */
    private static final class EmoteUse {
        final String provider;
        final String id;
        final String name;
        int count;

        EmoteUse(String provider, String id, String name) {
            this.provider = provider;
            this.id = id;
            this.name = name;
        }
    }

    private static Map<String, EmoteUse> mergeEmotes(List<EmoteOccurrence> occurrences) {
        if (occurrences == null || occurrences.isEmpty()) {
            return Map.of();
        }
        Map<String, EmoteUse> merged = new LinkedHashMap<>();
        for (EmoteOccurrence o : occurrences) {
            if (o == null || o.provider() == null || o.id() == null || o.count() <= 0) {
                continue;
            }
            String provider = EmoteProviders.name(o.provider());
            // ids never hold spaces or ':' in any provider; strip them anyway so the list stays parseable
            String id = listSafe(o.id());
            EmoteUse use = merged.computeIfAbsent(provider + ':' + id,
                    k -> new EmoteUse(provider, id, Sql.clean(o.name() == null ? id : o.name())));
            use.count += o.count();
        }
        return merged;
    }

    private static String listSafe(String id) {
        for (int i = 0; i < id.length(); i++) {
            char ch = id.charAt(i);
            if (ch == ':' || Character.isWhitespace(ch)) {
                return id.replace(':', '_').replaceAll("\\s", "_");
            }
        }
        return id;
    }

    /** Keeps ChatSource's JSON names as the stored values. */
    public static final class ChatSources {
        private ChatSources() {
        }

        public static String name(ChatSource source) {
            return switch (source == null ? ChatSource.LIVE : source) {
                case LIVE -> "live";
                case REPLAY -> "replay";
                case IMPORT -> "import";
            };
        }
    }
}
