package io.lurker.chat.irc;

/** {@code GLOBALUSERSTATE}: sent once after a successful login (not to anonymous justinfan logins). */
public final class GlobalUserstate extends ParsedLine {

    GlobalUserstate(IrcLine irc) {
        super(irc);
    }

    @Override
    public LineKind kind() {
        return LineKind.GLOBALUSERSTATE;
    }

    @Override
    public String channelLogin() {
        return null;
    }

    public String emoteSets() {
        return irc.tagOrNull("emote-sets");
    }
}
