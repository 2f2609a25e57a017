package io.lurker.chat.irc;

import java.util.Map;

/**
 * A line that passed the IRC grammar, with the tag accessors Twitch's commands share. Tag
 * accessors return null (or false, or an empty map) when a tag is absent, never throw.
 */
public abstract sealed class ParsedLine extends ChatLine
        permits Privmsg, Usernotice, Clearchat, Clearmsg, Roomstate, Userstate, GlobalUserstate, Notice,
        Whisper, Reconnect, Ping, OtherCommand {

    protected final IrcLine irc;

    ParsedLine(IrcLine irc) {
        this.irc = irc;
    }

    /** The grammar-level view: every tag, the source, the command and its parameters. */
    public IrcLine irc() {
        return irc;
    }

    @Override
    public String raw() {
        return irc.raw();
    }

    /** The {@code id} tag (message id); null when absent. */
    public String id() {
        return irc.tagOrNull("id");
    }

    /** The {@code room-id} tag: the channel's user id. */
    public String roomId() {
        return irc.tagOrNull("room-id");
    }

    /** {@code tmi-sent-ts} in epoch milliseconds, or -1 when absent or not a number. */
    public long sentAtMillis() {
        return irc.tagLong("tmi-sent-ts", -1);
    }

    public String userId() {
        return irc.tagOrNull("user-id");
    }

    public String displayName() {
        return irc.tagOrNull("display-name");
    }

    public String color() {
        return irc.tagOrNull("color");
    }

    /** {@code user-type}: empty for a normal user, else mod, admin, global_mod, staff. */
    public String userType() {
        return irc.tagOrNull("user-type");
    }

    /** {@code badges}: set → version, e.g. {@code subscriber → 12}. */
    public Map<String, String> badges() {
        return Badges.parse(irc.tag("badges"));
    }

    /** {@code badge-info}: set → exact value, e.g. {@code subscriber → 22} (months). */
    public Map<String, String> badgeInfo() {
        return Badges.parse(irc.tag("badge-info"));
    }

    public boolean moderator() {
        return irc.flag("mod") || irc.tagListHas("badges", "moderator");
    }

    public boolean subscriber() {
        return irc.flag("subscriber") || irc.tagListHas("badges", "subscriber")
                || irc.tagListHas("badges", "founder");
    }

    public boolean vip() {
        return irc.flag("vip") || irc.tagListHas("badges", "vip");
    }

    public boolean turbo() {
        return irc.flag("turbo") || irc.tagListHas("badges", "turbo");
    }
}
