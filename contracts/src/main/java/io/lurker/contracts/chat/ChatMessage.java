package io.lurker.contracts.chat;

import java.time.Instant;
import java.util.List;

/**
 * A chat message (IRC PRIVMSG, an imported log line, or a VOD replay comment).
 * The natural key is {@code id}; a message seen twice is stored once.
 *
 * @param id               the message id ({@code id} tag, or the replay comment id)
 * @param channelId        the room id (broadcaster user id)
 * @param channelLogin     the channel's login, lower case
 * @param text             the message text, with /me's ACTION markers removed
 * @param action           true for /me messages
 * @param sentAt           when Twitch says it was sent ({@code tmi-sent-ts}; replay: createdAt)
 * @param receivedAt       when Lurker read it
 * @param bits             bits cheered, 0 when none
 * @param firstMessage     {@code first-msg=1}
 * @param returningChatter {@code returning-chatter=1}
 * @param highlight        the {@code msg-id} tag of a PRIVMSG (e.g. highlighted-message), else null
 * @param customRewardId   channel-points reward id, else null
 * @param reply            the parent of a reply, else null
 * @param sharedChat       the origin of a shared-chat message, else null
 * @param replay           the VOD position of a replay comment, else null
 * @param emotes           every emote in the text, all providers, Twitch's included
 * @param raw              the raw IRC line (live, import) or the raw comment JSON (replay)
 */
public record ChatMessage(
        String id,
        ChatSource source,
        String channelId,
        String channelLogin,
        ChatAuthor author,
        String text,
        boolean action,
        Instant sentAt,
        Instant receivedAt,
        int bits,
        boolean firstMessage,
        boolean returningChatter,
        String highlight,
        String customRewardId,
        ReplyParent reply,
        SharedChatOrigin sharedChat,
        ReplayPosition replay,
        List<EmoteOccurrence> emotes,
        String raw) {
}
