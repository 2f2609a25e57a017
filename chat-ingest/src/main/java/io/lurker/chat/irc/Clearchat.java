package io.lurker.chat.irc;

/** {@code CLEARCHAT #channel [:user]}: a timeout ({@code ban-duration}), a ban, or the whole chat cleared. */
public final class Clearchat extends ParsedLine {

    private final String channelLogin;

    Clearchat(IrcLine irc, String channelLogin) {
        super(irc);
        this.channelLogin = channelLogin;
    }

    @Override
    public LineKind kind() {
        return LineKind.CLEARCHAT;
    }

    @Override
    public String channelLogin() {
        return channelLogin;
    }

    /** The user timed out or banned; null when the whole chat was cleared. */
    public String targetLogin() {
        if (irc.paramCount() < 2) {
            return null;
        }
        String login = irc.lastParam();
        return login.isEmpty() ? null : IrcLine.lowerAscii(login);
    }

    public String targetUserId() {
        return irc.tagOrNull("target-user-id");
    }

    /** Timeout length in seconds; null for a ban or a full clear. */
    public Integer banDurationSeconds() {
        long seconds = irc.tagLong("ban-duration", -1);
        return seconds < 0 ? null : (int) Math.min(Integer.MAX_VALUE, seconds);
    }

    /** True for a permanent ban of one user (a target and no duration). */
    public boolean ban() {
        return targetLogin() != null && banDurationSeconds() == null;
    }
}
