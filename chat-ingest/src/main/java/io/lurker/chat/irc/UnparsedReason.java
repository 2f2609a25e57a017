package io.lurker.chat.irc;

/** Why a line became {@link Unparsed}; {@link #slug()} is the metric tag and the event's {@code reason} param. */
public enum UnparsedReason {
    EMPTY("empty"),
    TOO_LONG("too-long"),
    INVALID_UTF8("invalid-utf8"),
    CONTROL_CHARACTER("control-character"),
    TRUNCATED("truncated"),
    INVALID_COMMAND("invalid-command"),
    /** Well-formed, but not a command Twitch's chat servers send (a text line, another protocol). */
    UNKNOWN_COMMAND("unknown-command"),
    MISSING_PARAMS("missing-params"),
    INTERNAL_ERROR("internal-error");

    private final String slug;

    UnparsedReason(String slug) {
        this.slug = slug;
    }

    public String slug() {
        return slug;
    }
}
