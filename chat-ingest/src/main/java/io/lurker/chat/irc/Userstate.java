package io.lurker.chat.irc;

/** {@code USERSTATE #channel}: our own state in a channel (after JOIN or after sending). */
public final class Userstate extends ParsedLine {

    private final String channelLogin;

    Userstate(IrcLine irc, String channelLogin) {
        super(irc);
        this.channelLogin = channelLogin;
    }

    @Override
    public LineKind kind() {
        return LineKind.USERSTATE;
    }

    @Override
    public String channelLogin() {
        return channelLogin;
    }

    public String emoteSets() {
        return irc.tagOrNull("emote-sets");
    }
}
