package io.lurker.chat.irc;

/** A well-formed line of a command with no typed view (JOIN, PART, CAP, PONG, HOSTTARGET, MODE, numerics such as 001 or 353); any other command is {@link Unparsed}. */
public final class OtherCommand extends ParsedLine {

    OtherCommand(IrcLine irc) {
        super(irc);
    }

    @Override
    public LineKind kind() {
        return LineKind.OTHER;
    }

    /** The channel named by the first parameter (JOIN, PART, HOSTTARGET…), else null. */
    @Override
    public String channelLogin() {
        return irc.channelParam(0);
    }

    public String command() {
        return irc.command();
    }
}
