package io.lurker.chat.irc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The {@code emotes} tag: {@code id:start-end,start-end/id2:start-end}, end inclusive, indices
 * in Unicode code points. Ranges past the text are clamped; malformed ones are skipped.
 */
public final class TwitchEmotes {

    /** One range as the tag states it (code points, end inclusive). */
    public record Range(String emoteId, int start, int end) {
    }

    /**
     * One emote cut from the text: {@code name} is the text it covers, {@code charStart}/
     * {@code charEnd} its UTF-16 span (end exclusive) in the text it was cut from.
     */
    public record Cut(String emoteId, String name, int charStart, int charEnd) {
    }

    private TwitchEmotes() {
    }

    public static List<Range> ranges(String tagValue) {
        if (tagValue == null || tagValue.isEmpty()) {
            return List.of();
        }
        List<Range> ranges = new ArrayList<>(4);
        int n = tagValue.length();
        int from = 0;
        while (from < n) {
            int slash = tagValue.indexOf('/', from);
            int end = slash < 0 ? n : slash;
            int colon = tagValue.lastIndexOf(':', end - 1);
            if (colon > from) {
                String id = tagValue.substring(from, colon);
                int p = colon + 1;
                while (p < end) {
                    int comma = tagValue.indexOf(',', p);
                    int rangeEnd = comma < 0 || comma > end ? end : comma;
                    int dash = tagValue.indexOf('-', p);
                    if (dash > p && dash < rangeEnd) {
                        int start = number(tagValue, p, dash);
                        int last = number(tagValue, dash + 1, rangeEnd);
                        if (start >= 0 && last >= start) {
                            ranges.add(new Range(id, start, last));
                        }
                    }
                    p = rangeEnd + 1;
                }
            }
            from = end + 1;
        }
        return ranges;
    }

    /** Cuts each range from {@code text}, clamped to its code points, sorted by position. */
    public static List<Cut> cut(String text, List<Range> ranges) {
        if (ranges.isEmpty() || text == null || text.isEmpty()) {
            return List.of();
        }
        int[] charAt = codePointStarts(text);
        int codePoints = charAt == null ? text.length() : charAt.length - 1;
        List<Cut> cuts = new ArrayList<>(ranges.size());
        for (Range r : ranges) {
            if (r.start() >= codePoints) {
                continue;
            }
            int last = Math.min(r.end(), codePoints - 1);
            int from = charAt == null ? r.start() : charAt[r.start()];
            int to = charAt == null ? last + 1 : charAt[last + 1];
            cuts.add(new Cut(r.emoteId(), text.substring(from, to), from, to));
        }
        if (cuts.size() > 1) {
            cuts.sort(Comparator.comparingInt(Cut::charStart));
        }
        return cuts;
    }

    /**
     * UTF-16 offset of each code point plus the text length at the end, or null when the text
     * has no surrogate pair (then code point index = char index, the common case).
     */
    private static int[] codePointStarts(String text) {
        int n = text.length();
        boolean surrogates = false;
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                surrogates = true;
                break;
            }
        }
        if (!surrogates) {
            return null;
        }
        int[] starts = new int[text.codePointCount(0, n) + 1];
        int cp = 0;
        for (int i = 0; i < n; ) {
            starts[cp++] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        starts[cp] = n;
        return starts;
    }

    /** A non-negative int of at most 9 digits, else -1. */
    private static int number(String s, int from, int to) {
        if (to <= from || to - from > 9) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
