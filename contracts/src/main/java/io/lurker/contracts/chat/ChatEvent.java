package io.lurker.contracts.chat;

import java.time.Instant;
import java.util.Map;

/**
 * A chat event other than a message: USERNOTICE (subs, gifts, raids, announcements…),
 * CLEARCHAT (timeout, ban, chat cleared), CLEARMSG (one message deleted), ROOMSTATE, NOTICE,
 * or a line that could not be parsed. The natural key is {@code id}.
 *
 * @param id                 the {@code id} tag where Twitch sends one; otherwise derived
 *                           from the raw line so a redelivered line keeps its id
 * @param noticeType         USERNOTICE/NOTICE {@code msg-id} (sub, resub, raid, …), else null
 * @param user               the user the event is about: USERNOTICE sender, CLEARCHAT target,
 *                           CLEARMSG author; null when none (chat cleared, ROOMSTATE)
 * @param targetMessageId    CLEARMSG {@code target-msg-id}
 * @param banDurationSeconds CLEARCHAT timeout length; null for a ban or a full clear
 * @param text               the user's text (USERNOTICE) or the deleted text (CLEARMSG)
 * @param systemMessage      USERNOTICE {@code system-msg}
 * @param params             {@code msg-param-*} tags without the prefix; ROOMSTATE settings
 * @param at                 {@code tmi-sent-ts}, else when it was received
 * @param raw                the raw IRC line
 */
public record ChatEvent(
        String id,
        ChatSource source,
        ChatEventKind kind,
        String noticeType,
        String channelId,
        String channelLogin,
        ChatAuthor user,
        String targetMessageId,
        Integer banDurationSeconds,
        String text,
        String systemMessage,
        Map<String, String> params,
        Instant at,
        Instant receivedAt,
        String raw) {
}
