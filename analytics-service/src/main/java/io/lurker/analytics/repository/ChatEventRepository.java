package io.lurker.analytics.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Writes chat events. A CLEARMSG also flags the deleted message (now, or when it arrives
 * later, through {@code chat_deleted_message}); a CLEARCHAT naming a user (timeout, ban) flags
 * that user's messages of the hour before it. A CLEARCHAT of the whole chat flags nothing.
 */
@ApplicationScoped
public class ChatEventRepository {

    private static final String INSERT = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::int8[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                                     ?::text[], ?::text[], ?::text[], ?::text[], ?::int4[], ?::text[], ?::text[],
                                     ?::text[], ?::text[])
                    AS t(event_id, at_us, received_us, source, kind, notice_type, channel_id, channel_login,
                         user_id, user_login, target_message_id, ban_duration_seconds, text, system_message,
                         params, raw)
            ), ins AS (
                INSERT INTO chat_event (event_id, at, received_at, source, kind, notice_type, channel_id, channel_login,
                        user_id, user_login, target_message_id, ban_duration_seconds, text, system_message, params, raw)
                SELECT event_id, timestamptz 'epoch' + at_us * interval '1 microsecond',
                       CASE WHEN received_us IS NULL THEN NULL
                            ELSE timestamptz 'epoch' + received_us * interval '1 microsecond' END,
                       source, kind, notice_type, channel_id, channel_login, user_id, user_login, target_message_id,
                       ban_duration_seconds, text, system_message, params::jsonb, raw
                FROM input
                ON CONFLICT DO NOTHING
                RETURNING kind, target_message_id, at, channel_id, user_id
            ), deleted AS (
                INSERT INTO chat_deleted_message (message_id, deleted_at)
                SELECT target_message_id, min(at) FROM ins
                WHERE kind = 'clearmsg' AND target_message_id IS NOT NULL
                GROUP BY 1 ORDER BY 1
                ON CONFLICT DO NOTHING
                RETURNING message_id, deleted_at
            ), flagged AS (
                -- moderators delete within minutes; the channel index bounds the search to the hour before
                UPDATE chat_message m SET deleted = true
                FROM deleted d JOIN ins i ON i.target_message_id = d.message_id
                WHERE m.channel_id = i.channel_id AND m.message_id = d.message_id
                  AND m.sent_at BETWEEN d.deleted_at - interval '1 hour' AND d.deleted_at + interval '1 minute'
                RETURNING 1
            ), timed_out AS (
                -- a timeout or ban clears the user's messages from view: flag theirs of the hour before
                UPDATE chat_message m SET deleted = true
                FROM ins i
                WHERE i.kind = 'clearchat' AND i.user_id IS NOT NULL AND m.channel_id = i.channel_id
                  AND m.user_id = i.user_id AND m.sent_at BETWEEN i.at - interval '1 hour' AND i.at
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM ins), (SELECT count(*) FROM flagged), (SELECT count(*) FROM timed_out)
            """;

    private final ObjectMapper json;

    public ChatEventRepository(ObjectMapper json) {
        this.json = json;
    }

    /** @return how many events were new */
    public int insert(Connection connection, List<ChatEvent> events) throws SQLException {
        int n = events.size();
        String[] id = new String[n];
        long[] at = new long[n];
        Long[] received = new Long[n];
        String[] source = new String[n];
        String[] kind = new String[n];
        String[] noticeType = new String[n];
        String[] channelId = new String[n];
        String[] channelLogin = new String[n];
        String[] userId = new String[n];
        String[] userLogin = new String[n];
        String[] target = new String[n];
        Integer[] banDuration = new Integer[n];
        String[] text = new String[n];
        String[] system = new String[n];
        String[] params = new String[n];
        String[] raw = new String[n];
        for (int i = 0; i < n; i++) {
            ChatEvent e = events.get(i);
            id[i] = e.id();
            at[i] = Sql.micros(e.at());
            received[i] = e.receivedAt() == null ? null : Sql.micros(e.receivedAt());
            source[i] = ChatMessageRepository.ChatSources.name(e.source());
            kind[i] = kindName(e.kind());
            noticeType[i] = Sql.clean(e.noticeType());
            channelId[i] = e.channelId();
            channelLogin[i] = e.channelLogin();
            userId[i] = e.user() == null ? null : e.user().userId();
            userLogin[i] = e.user() == null ? null : Sql.clean(e.user().login());
            target[i] = Sql.clean(e.targetMessageId());
            banDuration[i] = e.banDurationSeconds();
            text[i] = Sql.clean(e.text());
            system[i] = Sql.clean(e.systemMessage());
            params[i] = paramsJson(e);
            raw[i] = Sql.clean(e.raw());
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
            int p = 1;
            statement.setArray(p++, Sql.array(connection, "text", id));
            statement.setArray(p++, Sql.array(connection, "int8", at));
            statement.setArray(p++, Sql.array(connection, "int8", received));
            statement.setArray(p++, Sql.array(connection, "text", source));
            statement.setArray(p++, Sql.array(connection, "text", kind));
            statement.setArray(p++, Sql.array(connection, "text", noticeType));
            statement.setArray(p++, Sql.array(connection, "text", channelId));
            statement.setArray(p++, Sql.array(connection, "text", channelLogin));
            statement.setArray(p++, Sql.array(connection, "text", userId));
            statement.setArray(p++, Sql.array(connection, "text", userLogin));
            statement.setArray(p++, Sql.array(connection, "text", target));
            statement.setArray(p++, Sql.array(connection, "int4", banDuration));
            statement.setArray(p++, Sql.array(connection, "text", text));
            statement.setArray(p++, Sql.array(connection, "text", system));
            statement.setArray(p++, Sql.array(connection, "text", params));
            statement.setArray(p, Sql.array(connection, "text", raw));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static String kindName(ChatEventKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private String paramsJson(ChatEvent e) {
        if (e.params() == null || e.params().isEmpty()) {
            return null;
        }
        try {
            return Sql.clean(json.writeValueAsString(e.params()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("params of event " + e.id() + " cannot be written", ex);
        }
    }
}
