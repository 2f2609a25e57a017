package io.lurker.chat.service;

/** What the pipeline did with a line. */
public enum Disposition {
    /** A PRIVMSG, published on {@code chat.message.<channel>}. */
    MESSAGE,
    /** USERNOTICE, CLEARCHAT, CLEARMSG, ROOMSTATE or a channel NOTICE, published on {@code chat.event.<channel>}. */
    EVENT,
    /** Kept raw as an UNPARSED event on {@code chat.event.<channel>} or {@code chat.event._unparsed}. */
    UNPARSED,
    /** Connection-level or private (PING, RECONNECT, USERSTATE, GLOBALUSERSTATE, WHISPER, NOTICE *, JOIN, CAP, numerics…): not published. */
    IGNORED
}
