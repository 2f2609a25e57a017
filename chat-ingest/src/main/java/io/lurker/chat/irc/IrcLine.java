package io.lurker.chat.irc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One IRC line split by the IRCv3 grammar: {@code ['@' tags SP] [':' source SP] command params}.
 * Only offsets into the raw line are kept; tag values are unescaped and substrings cut when
 * asked for, because most consumers read a handful of the twenty-odd tags Twitch sends.
 */
public final class IrcLine {

    private final String raw;
    /** Four ints per tag: key start, key end, value start, value end (offsets into {@link #raw}). */
    private final int[] tags;
    private final int tagCount;
    private final int sourceStart;
    private final int sourceEnd;
    private final String command;
    /** Two ints per parameter: start, end. */
    private final int[] params;
    private final int paramCount;
    private final boolean trailing;

    IrcLine(String raw, int[] tags, int tagCount, int sourceStart, int sourceEnd, String command,
            int[] params, int paramCount, boolean trailing) {
        this.raw = raw;
        this.tags = tags;
        this.tagCount = tagCount;
        this.sourceStart = sourceStart;
        this.sourceEnd = sourceEnd;
        this.command = command;
        this.params = params;
        this.paramCount = paramCount;
        this.trailing = trailing;
    }

    public String raw() {
        return raw;
    }

    /** The command as sent, e.g. {@code PRIVMSG} or {@code 001}. */
    public String command() {
        return command;
    }

    public int tagCount() {
        return tagCount;
    }

    /** True when the tag is present, even with an empty value. */
    public boolean hasTag(String key) {
        return indexOfTag(key) >= 0;
    }

    /** The unescaped value of a tag; {@code ""} for {@code key} or {@code key=}; null when absent. */
    public String tag(String key) {
        int i = indexOfTag(key);
        return i < 0 ? null : TagEscapes.unescape(raw, tags[i * 4 + 2], tags[i * 4 + 3]);
    }

    /** The unescaped value, or null when the tag is absent or empty (Twitch sends {@code color=} for "none"). */
    public String tagOrNull(String key) {
        int i = indexOfTag(key);
        if (i < 0 || tags[i * 4 + 2] == tags[i * 4 + 3]) {
            return null;
        }
        return TagEscapes.unescape(raw, tags[i * 4 + 2], tags[i * 4 + 3]);
    }

    /** True when the tag's raw value is exactly {@code 1} (Twitch's boolean flags). */
    public boolean flag(String key) {
        int i = indexOfTag(key);
        return i >= 0 && tags[i * 4 + 3] - tags[i * 4 + 2] == 1 && raw.charAt(tags[i * 4 + 2]) == '1';
    }

    /** A non-negative decimal tag value; {@code fallback} when absent, empty, signed, or too big for a long. */
    public long tagLong(String key, long fallback) {
        int i = indexOfTag(key);
        if (i < 0) {
            return fallback;
        }
        int from = tags[i * 4 + 2];
        int to = tags[i * 4 + 3];
        if (from == to || to - from > 18) {
            return fallback;
        }
        long value = 0;
        for (int p = from; p < to; p++) {
            char c = raw.charAt(p);
            if (c < '0' || c > '9') {
                return fallback;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * Whether a list tag such as {@code badges} ({@code set/version,set/version}) names
     * {@code item}, read in place without copying the value.
     */
    public boolean tagListHas(String key, String item) {
        int i = indexOfTag(key);
        if (i < 0) {
            return false;
        }
        int from = tags[i * 4 + 2];
        int to = tags[i * 4 + 3];
        int len = item.length();
        int p = from;
        while (p + len <= to) {
            if (raw.startsWith(item, p)) {
                int after = p + len;
                if (after == to || raw.charAt(after) == '/' || raw.charAt(after) == ',') {
                    return true;
                }
            }
            int comma = p;
            while (comma < to && raw.charAt(comma) != ',') {
                comma++;
            }
            p = comma + 1;
        }
        return false;
    }

    /** The tag's value as in the line, still escaped; null when absent. */
    public String rawTag(String key) {
        int i = indexOfTag(key);
        return i < 0 ? null : raw.substring(tags[i * 4 + 2], tags[i * 4 + 3]);
    }

    /** Every tag, unescaped, in line order; a repeated key keeps its last value. */
    public Map<String, String> tags() {
        Map<String, String> all = new LinkedHashMap<>(tagCount * 2);
        for (int i = 0; i < tagCount; i++) {
            all.put(raw.substring(tags[i * 4], tags[i * 4 + 1]),
                    TagEscapes.unescape(raw, tags[i * 4 + 2], tags[i * 4 + 3]));
        }
        return all;
    }

    /** Tags whose key starts with {@code prefix}, prefix removed, values unescaped. */
    public Map<String, String> tagsWithPrefix(String prefix) {
        Map<String, String> found = null;
        int len = prefix.length();
        for (int i = 0; i < tagCount; i++) {
            int ks = tags[i * 4];
            int ke = tags[i * 4 + 1];
            if (ke - ks > len && raw.startsWith(prefix, ks)) {
                if (found == null) {
                    found = new LinkedHashMap<>();
                }
                found.put(raw.substring(ks + len, ke), TagEscapes.unescape(raw, tags[i * 4 + 2], tags[i * 4 + 3]));
            }
        }
        return found == null ? Map.of() : found;
    }

    /** The source ({@code nick!user@host} or a server name) without the colon; null when absent. */
    public String source() {
        return sourceStart < 0 ? null : raw.substring(sourceStart, sourceEnd);
    }

    /** The nick of the source: up to the first {@code !} or {@code @}; null without a source. */
    public String nick() {
        if (sourceStart < 0) {
            return null;
        }
        int end = sourceEnd;
        for (int p = sourceStart; p < sourceEnd; p++) {
            char c = raw.charAt(p);
            if (c == '!' || c == '@') {
                end = p;
                break;
            }
        }
        return raw.substring(sourceStart, end);
    }

    public int paramCount() {
        return paramCount;
    }

    /** Parameter {@code i} (the trailing one included, without its colon); null when there is none. */
    public String param(int i) {
        if (i < 0 || i >= paramCount) {
            return null;
        }
        return raw.substring(params[i * 2], params[i * 2 + 1]);
    }

    public List<String> params() {
        if (paramCount == 0) {
            return List.of();
        }
        List<String> all = new ArrayList<>(paramCount);
        for (int i = 0; i < paramCount; i++) {
            all.add(param(i));
        }
        return Collections.unmodifiableList(all);
    }

    /** True when the last parameter was introduced by {@code " :"} (and so may contain spaces). */
    public boolean hasTrailing() {
        return trailing;
    }

    /** The last parameter (the message text of a PRIVMSG); null when the line has no parameter. */
    public String lastParam() {
        return param(paramCount - 1);
    }

    /** Parameter {@code i} if it names a channel ({@code #login}): the login, lower case; else null. */
    String channelParam(int i) {
        if (i >= paramCount) {
            return null;
        }
        int from = params[i * 2];
        int to = params[i * 2 + 1];
        if (to - from < 2 || raw.charAt(from) != '#') {
            return null;
        }
        return lowerAscii(raw.substring(from + 1, to));
    }

    static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return s;
    }

    private int indexOfTag(String key) {
        int len = key.length();
        // from the end: a repeated key keeps its last value
        for (int i = tagCount - 1; i >= 0; i--) {
            int ks = tags[i * 4];
            if (tags[i * 4 + 1] - ks == len && raw.startsWith(key, ks)) {
                return i;
            }
        }
        return -1;
    }
}
