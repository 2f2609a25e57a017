package io.lurker.chat.irc;

import java.util.Map;

/** {@code USERNOTICE #channel [:text]}: subs, gifts, raids, announcements, milestones… */
public final class Usernotice extends ParsedLine {

    private final String channelLogin;

    Usernotice(IrcLine irc, String channelLogin) {
        super(irc);
        this.channelLogin = channelLogin;
    }

    @Override
    public LineKind kind() {
        return LineKind.USERNOTICE;
    }

    @Override
    public String channelLogin() {
        return channelLogin;
    }

    /** {@code msg-id}: sub, resub, subgift, raid, announcement, … */
    public String noticeType() {
        return irc.tagOrNull("msg-id");
    }

    /** The {@code login} tag (the user the notice is about), else the source nick. */
    public String login() {
        String login = irc.tagOrNull("login");
        if (login == null) {
            String nick = irc.nick();
            login = nick == null || nick.isEmpty() || nick.indexOf('.') >= 0 ? null : nick;
        }
        return login == null ? null : IrcLine.lowerAscii(login);
    }

    /** {@code system-msg}, unescaped. */
    public String systemMessage() {
        return irc.tagOrNull("system-msg");
    }

    /** The user's own text (a resub message, an announcement); null when none. */
    public String text() {
        return irc.paramCount() >= 2 ? irc.lastParam() : null;
    }

    /** {@code msg-param-*} tags without the prefix, unescaped. */
    public Map<String, String> msgParams() {
        return irc.tagsWithPrefix("msg-param-");
    }
}
