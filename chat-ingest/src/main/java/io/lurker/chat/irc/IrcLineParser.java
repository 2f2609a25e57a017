package io.lurker.chat.irc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one raw IRC line (IRCv3 tags, source, command, parameters) into a typed view. It never
 * throws: a line it cannot read becomes {@link Unparsed} with the raw line and a reason.
 *
 * <p>A hand-written scanner over the line's chars: no regex, no split, tag values unescaped
 * only when asked for. Stateless and thread-safe; one instance serves every connection.
 */
public final class IrcLineParser {

    /** Lines longer than this many UTF-8 bytes are kept as {@link UnparsedReason#TOO_LONG}. */
    public static final int MAX_LINE_BYTES = 8192;

    /** Parses a line given as text (a trailing CR/LF is removed). */
    public ChatLine parse(String line) {
        if (line == null) {
            return new Unparsed("", UnparsedReason.EMPTY, "no line", null, null);
        }
        try {
            String s = stripLineEnd(line);
            return parse(s, -1);
        } catch (RuntimeException | StackOverflowError e) {
            return new Unparsed(line, UnparsedReason.INTERNAL_ERROR, e.getClass().getSimpleName(), null, null);
        }
    }

    /**
     * Parses a line given as the bytes read from the socket or a file (a trailing CR/LF is
     * removed). Bytes that are not valid UTF-8 give {@link UnparsedReason#INVALID_UTF8} with the
     * exact bytes kept in {@link Unparsed#rawBytes()}.
     */
    public ChatLine parse(byte[] bytes, int offset, int length) {
        if (bytes == null || offset < 0 || length < 0 || offset + length > bytes.length || offset + length < 0) {
            return new Unparsed("", UnparsedReason.EMPTY, "no line", null, null);
        }
        String lenient = null;
        try {
            int end = offset + length;
            while (end > offset && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            int n = end - offset;
            if (Utf8.isValid(bytes, offset, end)) {
                return parse(new String(bytes, offset, n, StandardCharsets.UTF_8), n);
            }
            lenient = new String(bytes, offset, n, StandardCharsets.UTF_8);
            ChatLine scanned = parse(lenient, n);
            return new Unparsed(lenient, UnparsedReason.INVALID_UTF8,
                    "the line is not valid UTF-8 (" + n + " bytes kept as received)", scanned.channelLogin(),
                    Arrays.copyOfRange(bytes, offset, end));
        } catch (RuntimeException | StackOverflowError e) {
            String raw = lenient != null ? lenient : new String(bytes, offset, length, StandardCharsets.UTF_8);
            return new Unparsed(raw, UnparsedReason.INTERNAL_ERROR, e.getClass().getSimpleName(), null, null);
        }
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\n' || line.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == line.length() ? line : line.substring(0, end);
    }

    /** @param byteLength the line's UTF-8 length when known, else -1 */
    private ChatLine parse(String s, int byteLength) {
        int n = s.length();
        if (n == 0) {
            return new Unparsed(s, UnparsedReason.EMPTY, "empty line", null, null);
        }
        UnparsedReason refused = null;
        String refusal = null;
        int bytes = byteLength >= 0 ? byteLength : (n * 3 <= MAX_LINE_BYTES ? n : Utf8.length(s));
        if (bytes > MAX_LINE_BYTES) {
            refused = UnparsedReason.TOO_LONG;
            refusal = "the line has " + bytes + " bytes, more than " + MAX_LINE_BYTES;
        } else if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0) {
            refused = UnparsedReason.CONTROL_CHARACTER;
            refusal = "CR, LF or NUL inside the line";
        }

        // ---- tags
        int pos = 0;
        int[] tags = null;
        int tagCount = 0;
        if (s.charAt(0) == '@') {
            int space = s.indexOf(' ');
            if (space < 0) {
                return unparsed(s, refused, refusal, UnparsedReason.TRUNCATED, "tags without a command", null);
            }
            tags = new int[4 * 24];
            int itemStart = 1;
            int eq = -1;
            for (int p = 1; p <= space; p++) {
                char c = p == space ? ';' : s.charAt(p);
                if (c == '=' && eq < 0) {
                    eq = p;
                } else if (c == ';') {
                    int keyEnd = eq < 0 ? p : eq;
                    if (keyEnd > itemStart) {
                        if ((tagCount + 1) * 4 > tags.length) {
                            tags = Arrays.copyOf(tags, tags.length * 2);
                        }
                        int t = tagCount * 4;
                        tags[t] = itemStart;
                        tags[t + 1] = keyEnd;
                        tags[t + 2] = eq < 0 ? p : eq + 1;
                        tags[t + 3] = p;
                        tagCount++;
                    }
                    itemStart = p + 1;
                    eq = -1;
                }
            }
            pos = space;
        }
        pos = skipSpaces(s, pos);

        // ---- source
        int sourceStart = -1;
        int sourceEnd = -1;
        if (pos < n && s.charAt(pos) == ':') {
            int space = s.indexOf(' ', pos);
            if (space < 0) {
                return unparsed(s, refused, refusal, UnparsedReason.TRUNCATED, "source without a command", null);
            }
            sourceStart = pos + 1;
            sourceEnd = space;
            pos = skipSpaces(s, space);
        }
        if (pos >= n) {
            return unparsed(s, refused, refusal, UnparsedReason.TRUNCATED, "no command", null);
        }

        // ---- command: letters, or three digits
        int commandStart = pos;
        boolean letters = true;
        boolean digits = true;
        boolean lower = false;
        while (pos < n && s.charAt(pos) != ' ') {
            char c = s.charAt(pos);
            boolean upper = c >= 'A' && c <= 'Z';
            boolean lowerCase = c >= 'a' && c <= 'z';
            lower |= lowerCase;
            letters &= upper || lowerCase;
            digits &= c >= '0' && c <= '9';
            pos++;
        }
        int commandEnd = pos;
        if (!letters && !(digits && commandEnd - commandStart == 3)) {
            return unparsed(s, refused, refusal, UnparsedReason.INVALID_COMMAND, "not an IRC command", null);
        }
        String command = command(s, commandStart, commandEnd, lower);

        // ---- parameters
        int[] params = new int[8];
        int paramCount = 0;
        boolean trailing = false;
        while (true) {
            pos = skipSpaces(s, pos);
            if (pos >= n) {
                break;
            }
            if ((paramCount + 1) * 2 > params.length) {
                params = Arrays.copyOf(params, params.length * 2);
            }
            if (s.charAt(pos) == ':') {
                params[paramCount * 2] = pos + 1;
                params[paramCount * 2 + 1] = n;
                paramCount++;
                trailing = true;
                break;
            }
            int start = pos;
            while (pos < n && s.charAt(pos) != ' ') {
                pos++;
            }
            params[paramCount * 2] = start;
            params[paramCount * 2 + 1] = pos;
            paramCount++;
        }

        IrcLine irc = new IrcLine(s, tags, tagCount, sourceStart, sourceEnd, command, params, paramCount, trailing);
        if (refused != null) {
            return new Unparsed(s, refused, refusal, irc.channelParam(0), null);
        }
        return typed(irc);
    }

    private static ChatLine typed(IrcLine irc) {
        String command = irc.command();
        switch (command) {
            case "PRIVMSG": {
                String channel = irc.channelParam(0);
                if (channel == null || irc.paramCount() < 2) {
                    return missing(irc, "PRIVMSG needs a #channel and a text", channel);
                }
                return new Privmsg(irc, channel);
            }
            case "USERNOTICE": {
                String channel = irc.channelParam(0);
                return channel == null ? missing(irc, "USERNOTICE needs a #channel", null) : new Usernotice(irc, channel);
            }
            case "CLEARCHAT": {
                String channel = irc.channelParam(0);
                return channel == null ? missing(irc, "CLEARCHAT needs a #channel", null) : new Clearchat(irc, channel);
            }
            case "CLEARMSG": {
                String channel = irc.channelParam(0);
                return channel == null ? missing(irc, "CLEARMSG needs a #channel", null) : new Clearmsg(irc, channel);
            }
            case "ROOMSTATE": {
                String channel = irc.channelParam(0);
                return channel == null ? missing(irc, "ROOMSTATE needs a #channel", null) : new Roomstate(irc, channel);
            }
            case "USERSTATE": {
                String channel = irc.channelParam(0);
                return channel == null ? missing(irc, "USERSTATE needs a #channel", null) : new Userstate(irc, channel);
            }
            case "NOTICE":
                return irc.paramCount() < 1 ? missing(irc, "NOTICE needs a target", null)
                        : new Notice(irc, irc.channelParam(0));
            case "WHISPER":
                return irc.paramCount() < 2 ? missing(irc, "WHISPER needs a recipient and a text", null) : new Whisper(irc);
            case "GLOBALUSERSTATE":
                return new GlobalUserstate(irc);
            case "RECONNECT":
                return new Reconnect(irc);
            case "PING":
                return new Ping(irc);
            default:
                if (OTHER_KNOWN.contains(command) || isNumeric(command)) {
                    return new OtherCommand(irc);
                }
                return new Unparsed(irc.raw(), UnparsedReason.UNKNOWN_COMMAND, "'"
                        + (command.length() > 32 ? command.substring(0, 32) + "…" : command)
                        + "' is not a command Twitch chat sends", irc.channelParam(0), null);
        }
    }

    /** Commands Twitch (or an IRC log of a Twitch session) has that need no typed view. */
    private static final java.util.Set<String> OTHER_KNOWN = java.util.Set.of("PONG", "JOIN", "PART", "CAP",
            "HOSTTARGET", "MODE", "ERROR", "NICK", "PASS", "USER", "QUIT");

    private static boolean isNumeric(String command) {
        return command.length() == 3 && Character.isDigit(command.charAt(0));
    }

    private static Unparsed missing(IrcLine irc, String detail, String channel) {
        return new Unparsed(irc.raw(), UnparsedReason.MISSING_PARAMS, detail, channel, null);
    }

    private static Unparsed unparsed(String s, UnparsedReason refused, String refusal, UnparsedReason reason,
            String detail, String channel) {
        return refused != null
                ? new Unparsed(s, refused, refusal, channel, null)
                : new Unparsed(s, reason, detail, channel, null);
    }

    private static int skipSpaces(String s, int pos) {
        int n = s.length();
        while (pos < n && s.charAt(pos) == ' ') {
            pos++;
        }
        return pos;
    }

    private static final String[] KNOWN = {"PRIVMSG", "USERNOTICE", "CLEARCHAT", "CLEARMSG", "ROOMSTATE",
        "USERSTATE", "GLOBALUSERSTATE", "NOTICE", "WHISPER", "RECONNECT", "PING", "PONG", "JOIN", "PART", "CAP"};

    /** The command as an upper-case String, reusing the constants of the commands Twitch sends. */
    private static String command(String s, int from, int to, boolean lower) {
        int len = to - from;
        for (String known : KNOWN) {
            if (known.length() == len && s.regionMatches(lower, from, known, 0, len)) {
                return known;
            }
        }
        String command = s.substring(from, to);
        return lower ? command.toUpperCase(java.util.Locale.ROOT) : command;
    }
}
