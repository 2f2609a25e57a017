package io.lurker.chat.irc;

/**
 * {@code NOTICE <#channel|*> :text}: a server notice. With {@code *} it concerns the connection,
 * e.g. {@code Login authentication failed}.
 */
public final class Notice extends ParsedLine {

    private final String channelLogin;

    Notice(IrcLine irc, String channelLogin) {
        super(irc);
        this.channelLogin = channelLogin;
    }

    @Override
    public LineKind kind() {
        return LineKind.NOTICE;
    }

    /** The channel, or null for a connection-level notice ({@code NOTICE *}). */
    @Override
    public String channelLogin() {
        return channelLogin;
    }

    /** The {@code msg-id} tag, e.g. {@code msg_channel_suspended}; null when absent. */
    public String noticeId() {
        return irc.tagOrNull("msg-id");
    }

    public String text() {
        return irc.paramCount() >= 2 ? irc.lastParam() : null;
    }

    /** True for the notices Twitch sends when PASS/NICK were refused; the connection should stop retrying. */
    public boolean loginFailed() {
        String text = text();
        return channelLogin == null && text != null
                && (text.contains("Login authentication failed") || text.contains("Improperly formatted auth")
                        || text.contains("Invalid NICK"));
    }
}
