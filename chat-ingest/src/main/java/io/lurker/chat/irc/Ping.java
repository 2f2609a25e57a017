package io.lurker.chat.irc;

/** {@code PING :tmi.twitch.tv}: answer with {@link #pongReply()} or Twitch drops the connection. */
public final class Ping extends ParsedLine {

    Ping(IrcLine irc) {
        super(irc);
    }

    @Override
    public LineKind kind() {
        return LineKind.PING;
    }

    @Override
    public String channelLogin() {
        return null;
    }

    /** The token to echo back; null when the PING carried none. */
    public String token() {
        return irc.lastParam();
    }

    /** The line to send back, without CRLF. */
    public String pongReply() {
        String token = token();
        return token == null ? "PONG" : "PONG :" + token;
    }
}
