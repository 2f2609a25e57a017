package io.lurker.chat.irc;

/** {@code RECONNECT}: Twitch is about to close the connection; reconnect and rejoin now. */
public final class Reconnect extends ParsedLine {

    Reconnect(IrcLine irc) {
        super(irc);
    }

    @Override
    public LineKind kind() {
        return LineKind.RECONNECT;
    }

    @Override
    public String channelLogin() {
        return null;
    }
}
