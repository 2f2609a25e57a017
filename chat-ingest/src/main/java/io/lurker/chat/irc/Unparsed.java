package io.lurker.chat.irc;

/**
 * A line the parser could not read: garbage, truncated, over-long, invalid UTF-8, missing the
 * parameters its command needs. It is kept whole so nothing is lost.
 */
public final class Unparsed extends ChatLine {

    private final String raw;
    private final UnparsedReason reason;
    private final String detail;
    private final String channelLogin;
    private final byte[] rawBytes;

    Unparsed(String raw, UnparsedReason reason, String detail, String channelLogin, byte[] rawBytes) {
        this.raw = raw == null ? "" : raw;
        this.reason = reason;
        this.detail = detail;
        this.channelLogin = channelLogin;
        this.rawBytes = rawBytes;
    }

    @Override
    public String raw() {
        return raw;
    }

    @Override
    public LineKind kind() {
        return LineKind.UNPARSED;
    }

    /** The channel named by the line's first parameter when the grammar got that far; else null. */
    @Override
    public String channelLogin() {
        return channelLogin;
    }

    public UnparsedReason reason() {
        return reason;
    }

    /** A short human-readable explanation, never containing more than a few characters of the line. */
    public String detail() {
        return detail;
    }

    /**
     * The exact bytes received when they were not valid UTF-8 ({@link #raw()} then holds them
     * decoded with U+FFFD replacements); null otherwise.
     */
    public byte[] rawBytes() {
        return rawBytes == null ? null : rawBytes.clone();
    }

    public boolean hasRawBytes() {
        return rawBytes != null;
    }
}
