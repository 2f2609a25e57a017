package io.lurker.chat.irc;

import io.lurker.contracts.chat.ReplyParent;
import io.lurker.contracts.chat.SharedChatOrigin;
import java.util.List;
import java.util.Map;

/** {@code PRIVMSG #channel :text}: a chat message. */
public final class Privmsg extends ParsedLine {

    private static final String ACTION_START = "\u0001ACTION";

    private final String channelLogin;

    Privmsg(IrcLine irc, String channelLogin) {
        super(irc);
        this.channelLogin = channelLogin;
    }

    @Override
    public LineKind kind() {
        return LineKind.PRIVMSG;
    }

    @Override
    public String channelLogin() {
        return channelLogin;
    }

    /** The sender's login: the nick of the line's source, lower case. */
    public String login() {
        String nick = irc.nick();
        return nick == null || nick.isEmpty() ? null : IrcLine.lowerAscii(nick);
    }

    /** The message as written, with /me's {@code \x01ACTION … \x01} wrapper removed. */
    public String text() {
        String text = irc.lastParam();
        return isAction(text) ? actionBody(text) : text;
    }

    /** True for a /me message: both ACTION markers are present. */
    public boolean action() {
        return isAction(irc.lastParam());
    }

    /** Bits cheered; 0 without a (valid) {@code bits} tag. */
    public int bits() {
        return (int) Math.min(Integer.MAX_VALUE, irc.tagLong("bits", 0));
    }

    public boolean firstMessage() {
        return irc.flag("first-msg");
    }

    public boolean returningChatter() {
        return irc.flag("returning-chatter");
    }

    /** The {@code msg-id} tag of a PRIVMSG, e.g. {@code highlighted-message}. */
    public String highlight() {
        return irc.tagOrNull("msg-id");
    }

    public String customRewardId() {
        return irc.tagOrNull("custom-reward-id");
    }

    public String clientNonce() {
        return irc.tagOrNull("client-nonce");
    }

    /** The parent of a reply ({@code reply-parent-*}); null when the message is no reply. */
    public ReplyParent replyParent() {
        String parentId = irc.tagOrNull("reply-parent-msg-id");
        if (parentId == null) {
            return null;
        }
        return new ReplyParent(parentId, irc.tagOrNull("reply-parent-user-id"),
                irc.tagOrNull("reply-parent-user-login"), irc.tagOrNull("reply-parent-display-name"),
                irc.tag("reply-parent-msg-body"));
    }

    /** Shared chat: where the message was first sent; null outside a shared-chat session. */
    public SharedChatOrigin sharedChat() {
        String sourceRoom = irc.tagOrNull("source-room-id");
        if (sourceRoom == null) {
            return null;
        }
        return new SharedChatOrigin(irc.tagOrNull("source-id"), sourceRoom);
    }

    /** True when the message was mirrored from another channel of a shared-chat session. */
    public boolean mirrored() {
        String sourceRoom = irc.tagOrNull("source-room-id");
        return sourceRoom != null && !sourceRoom.equals(roomId());
    }

    public Map<String, String> sourceBadges() {
        return Badges.parse(irc.tag("source-badges"));
    }

    public Map<String, String> sourceBadgeInfo() {
        return Badges.parse(irc.tag("source-badge-info"));
    }

    /** The {@code emotes} tag's ranges as stated (code points, end inclusive, unclamped). */
    public List<TwitchEmotes.Range> emoteRanges() {
        return TwitchEmotes.ranges(irc.rawTag("emotes"));
    }

    /** Twitch emotes cut from {@link #text()} by their code-point ranges, clamped, in text order. */
    public List<TwitchEmotes.Cut> twitchEmotes() {
        String ranges = irc.rawTag("emotes");
        if (ranges == null || ranges.isEmpty()) {
            return List.of();
        }
        return TwitchEmotes.cut(text(), TwitchEmotes.ranges(ranges));
    }

    static boolean isAction(String text) {
        return text != null && text.length() >= 8 && text.startsWith(ACTION_START)
                && text.charAt(text.length() - 1) == '\u0001'
                && (text.charAt(7) == ' ' || text.length() == 8);
    }

    private static String actionBody(String text) {
        return text.length() == 8 ? "" : text.substring(8, text.length() - 1);
    }
}
