package io.lurker.chat.irc;

/** {@code CLEARMSG #channel :deleted text}: one message deleted by a moderator. */
public final class Clearmsg extends ParsedLine {

    private final String channelLogin;

    Clearmsg(IrcLine irc, String channelLogin) {
        super(irc);
        this.channelLogin = channelLogin;
    }

    @Override
    public LineKind kind() {
        return LineKind.CLEARMSG;
    }

    @Override
    public String channelLogin() {
        return channelLogin;
    }

    /** The author of the deleted message ({@code login} tag). */
    public String login() {
        String login = irc.tagOrNull("login");
        return login == null ? null : IrcLine.lowerAscii(login);
    }

    public String targetMessageId() {
        return irc.tagOrNull("target-msg-id");
    }

    /** The deleted text; null when the line carries none. */
    public String text() {
        return irc.paramCount() >= 2 ? irc.lastParam() : null;
    }
}
