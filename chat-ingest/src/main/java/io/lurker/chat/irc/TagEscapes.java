package io.lurker.chat.irc;

/**
 * IRCv3 message-tag value escaping as Twitch uses it: {@code \:}→{@code ;}, {@code \s}→space,
 * {@code \\}→{@code \}, {@code \r}→CR, {@code \n}→LF, any other {@code \x}→{@code x}, and a
 * trailing lone backslash is dropped.
 */
public final class TagEscapes {

    private TagEscapes() {
    }

    public static String unescape(String value) {
        return unescape(value, 0, value.length());
    }

    /** Unescapes {@code s[from, to)}; returns a plain substring when there is nothing to unescape. */
    public static String unescape(String s, int from, int to) {
        int backslash = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '\\') {
                backslash = i;
                break;
            }
        }
        if (backslash < 0) {
            return s.substring(from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        out.append(s, from, backslash);
        for (int i = backslash; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= to) {
                break;
            }
            char next = s.charAt(++i);
            switch (next) {
                case ':' -> out.append(';');
                case 's' -> out.append(' ');
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    /** The inverse, for writing lines (tests, generators). */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case ';' -> out.append("\\:");
                case ' ' -> out.append("\\s");
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
