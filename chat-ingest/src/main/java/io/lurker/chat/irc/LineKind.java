package io.lurker.chat.irc;

/** What a raw line turned out to be; one value per typed view. */
public enum LineKind {
    PRIVMSG,
    USERNOTICE,
    CLEARCHAT,
    CLEARMSG,
    ROOMSTATE,
    USERSTATE,
    GLOBALUSERSTATE,
    NOTICE,
    WHISPER,
    RECONNECT,
    PING,
    /** A well-formed line of another command (JOIN, PART, CAP, PONG, HOSTTARGET, MODE, numerics…). */
    OTHER,
    /** A line the parser could not read; see {@link Unparsed#reason()}. */
    UNPARSED
}
