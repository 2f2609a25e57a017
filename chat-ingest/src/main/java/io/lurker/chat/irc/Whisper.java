package io.lurker.chat.irc;

/** {@code WHISPER <to> :text}: a private message; never published (it is not channel chat). */
public final class Whisper extends ParsedLine {

    Whisper(IrcLine irc) {
        super(irc);
    }

    @Override
    public LineKind kind() {
        return LineKind.WHISPER;
    }

    @Override
    public String channelLogin() {
        return null;
    }

    public String fromLogin() {
        String nick = irc.nick();
        return nick == null || nick.isEmpty() ? null : IrcLine.lowerAscii(nick);
    }

    public String toLogin() {
        String to = irc.param(0);
        return to == null ? null : IrcLine.lowerAscii(to);
    }

    public String text() {
        return irc.lastParam();
    }

    public String messageId() {
        return irc.tagOrNull("message-id");
    }

    public String threadId() {
        return irc.tagOrNull("thread-id");
    }
}
