package io.lurker.chat.service;

import io.lurker.chat.emote.EmoteIndex;
import io.lurker.chat.emote.EmoteMatcher;
import io.lurker.chat.irc.Clearchat;
import io.lurker.chat.irc.Clearmsg;
import io.lurker.chat.irc.Notice;
import io.lurker.chat.irc.ParsedLine;
import io.lurker.chat.irc.Privmsg;
import io.lurker.chat.irc.Roomstate;
import io.lurker.chat.irc.TwitchEmotes;
import io.lurker.chat.irc.Unparsed;
import io.lurker.chat.irc.Usernotice;
import io.lurker.contracts.chat.ChatAuthor;
import io.lurker.contracts.chat.ChatEvent;
import io.lurker.contracts.chat.ChatEventKind;
import io.lurker.contracts.chat.ChatMessage;
import io.lurker.contracts.chat.ChatSource;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns typed IRC views into the {@code contracts} records that travel on RabbitMQ. Pure and
 * thread-safe: no I/O, the emote index is handed in.
 */
public final class ChatRecordMapper {

    public ChatMessage toMessage(Privmsg line, Instant receivedAt, ChatSource source, EmoteIndex emotes) {
        String text = line.text();
        List<TwitchEmotes.Cut> twitch = line.twitchEmotes();
        String id = line.id();
        return new ChatMessage(
                id != null ? id : DerivedIds.fromRaw(line.raw()),
                source,
                line.roomId(),
                line.channelLogin(),
                author(line, line.login()),
                text,
                line.action(),
                sentAt(line, receivedAt),
                receivedAt,
                line.bits(),
                line.firstMessage(),
                line.returningChatter(),
                line.highlight(),
                line.customRewardId(),
                line.replyParent(),
                line.sharedChat(),
                null,
                EmoteMatcher.match(text, twitch, emotes),
                line.raw());
    }

    public ChatEvent toEvent(Usernotice line, Instant receivedAt, ChatSource source) {
        return event(line, line.id(), source, ChatEventKind.USERNOTICE, line.noticeType(),
                author(line, line.login()), null, null, line.text(), line.systemMessage(), line.msgParams(),
                receivedAt);
    }

    public ChatEvent toEvent(Clearchat line, Instant receivedAt, ChatSource source) {
        String target = line.targetLogin();
        ChatAuthor user = target == null ? null
                : new ChatAuthor(line.targetUserId(), target, null, null, Map.of(), Map.of(), false, false, false,
                        false, null);
        return event(line, line.id(), source, ChatEventKind.CLEARCHAT, null, user, null, line.banDurationSeconds(),
                null, null, Map.of(), receivedAt);
    }

    public ChatEvent toEvent(Clearmsg line, Instant receivedAt, ChatSource source) {
        String login = line.login();
        ChatAuthor user = login == null ? null
                : new ChatAuthor(null, login, null, null, Map.of(), Map.of(), false, false, false, false, null);
        // CLEARMSG has no id of its own: the deleted message's id names the deletion
        String id = line.id() != null ? line.id() : line.targetMessageId();
        return event(line, id, source, ChatEventKind.CLEARMSG, null, user, line.targetMessageId(), null, line.text(),
                null, Map.of(), receivedAt);
    }

    public ChatEvent toEvent(Roomstate line, Instant receivedAt, ChatSource source) {
        return event(line, line.id(), source, ChatEventKind.ROOMSTATE, null, null, null, null, null, null,
                line.settings(), receivedAt);
    }

    public ChatEvent toEvent(Notice line, Instant receivedAt, ChatSource source) {
        return event(line, line.id(), source, ChatEventKind.NOTICE, line.noticeId(), null, null, null, line.text(),
                null, Map.of(), receivedAt);
    }

    /** An UNPARSED event: the raw line, the reason in {@code params.reason}, the exact bytes in {@code params.rawBase64} for invalid UTF-8. */
    public ChatEvent toEvent(Unparsed line, String channelLogin, Instant receivedAt, ChatSource source) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("reason", line.reason().slug());
        if (line.detail() != null) {
            params.put("detail", line.detail());
        }
        String id;
        if (line.hasRawBytes()) {
            byte[] bytes = line.rawBytes();
            params.put("rawBase64", Base64.getEncoder().encodeToString(bytes));
            id = DerivedIds.fromBytes(bytes);
        } else {
            id = DerivedIds.fromRaw(line.raw());
        }
        return new ChatEvent(id, source, ChatEventKind.UNPARSED, null, null, channelLogin, null, null, null, null,
                null, params, receivedAt, receivedAt, line.raw());
    }

    private static ChatEvent event(ParsedLine line, String id, ChatSource source, ChatEventKind kind,
            String noticeType, ChatAuthor user, String targetMessageId, Integer banDuration, String text,
            String systemMessage, Map<String, String> params, Instant receivedAt) {
        return new ChatEvent(id != null ? id : DerivedIds.fromRaw(line.raw()), source, kind, noticeType,
                line.roomId(), line.channelLogin(), user, targetMessageId, banDuration, text, systemMessage, params,
                sentAt(line, receivedAt), receivedAt, line.raw());
    }

    private static ChatAuthor author(ParsedLine line, String login) {
        return new ChatAuthor(line.userId(), login, line.displayName(), line.color(), line.badges(),
                line.badgeInfo(), line.subscriber(), line.moderator(), line.vip(), line.turbo(), line.userType());
    }

    /** {@code tmi-sent-ts} when present and plausible, else when it was received. */
    private static Instant sentAt(ParsedLine line, Instant receivedAt) {
        long millis = line.sentAtMillis();
        // beyond year 9999 Instant.toString() still works but JSON readers choke; treat as absent
        return millis < 0 || millis > 253_402_300_799_999L ? receivedAt : Instant.ofEpochMilli(millis);
    }
}
