package io.lurker.chat.irc;

/**
 * The result of {@link IrcLineParser#parse}: a typed view of one raw line, or {@link Unparsed}.
 * Every view keeps its raw line and none of its accessors throws.
 */
public abstract sealed class ChatLine permits ParsedLine, Unparsed {

    /** The raw line as received, without its line terminator. */
    public abstract String raw();

    public abstract LineKind kind();

    /** The channel's login (lower case, without {@code #}) the line belongs to; null when none is known. */
    public abstract String channelLogin();
}
