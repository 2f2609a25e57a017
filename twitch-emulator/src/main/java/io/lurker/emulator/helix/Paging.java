package io.lurker.emulator.helix;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cursor paging over an ordered list, like Helix's: {@code first} items after the {@code after}
 * cursor or before the {@code before} cursor. A cursor is opaque base64url JSON holding the
 * page's start and end positions; the same page always yields the same cursor. The response
 * carries {@code "pagination": {"cursor": ...}} while items remain and {@code {}} at the end.
 */
public final class Paging {

    private static final Pattern POSITIONS = Pattern.compile("\\{\"b\":\\{\"Cursor\":\"(\\d+)\"},\"a\":\\{\"Cursor\":\"(\\d+)\"}}");

    private Paging() {
    }

    public record Page<T>(List<T> items, String cursor) {

        public Map<String, Object> pagination() {
            Map<String, Object> pagination = new LinkedHashMap<>();
            if (cursor != null) {
                pagination.put("cursor", cursor);
            }
            return pagination;
        }
    }

    public static <T> Page<T> page(List<T> all, HelixRequest request, int first) {
        String after = request.one("after");
        String before = request.one("before");
        if (after != null && before != null) {
            throw HelixException.badRequest("The parameters \"after\" and \"before\" are mutually exclusive");
        }
        int start;
        int end;
        if (before != null) {
            end = Math.min(decode(before, "before")[0], all.size());
            start = Math.max(0, end - first);
        } else {
            start = after == null ? 0 : decode(after, "after")[1];
            start = Math.min(start, all.size());
            end = Math.min(all.size(), start + first);
        }
        List<T> items = all.subList(start, end);
        boolean more = end < all.size() || (before != null && start > 0);
        return new Page<>(items, more ? encode(start, end) : null);
    }

    public static String encode(int start, int end) {
        String json = "{\"b\":{\"Cursor\":\"" + start + "\"},\"a\":{\"Cursor\":\"" + end + "\"}}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** [start, end] of the page the cursor was issued for. */
    static int[] decode(String cursor, String parameter) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Matcher m = POSITIONS.matcher(json);
            if (m.matches()) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw HelixException.malformed(parameter, "invalid cursor");
    }
}
