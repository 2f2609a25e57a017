package io.lurker.helix.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helix video durations: {@code 1h2m3s}, {@code 3m21s}, {@code 45s} (no ISO {@code PT} prefix). */
public final class VodDuration {

    private static final Pattern FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private VodDuration() {
    }

    /** Seconds of a Helix duration; throws {@link IllegalArgumentException} for anything else. */
    public static long seconds(String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Helix duration: " + value);
        }
        return part(m.group(1)) * 3600 + part(m.group(2)) * 60 + part(m.group(3));
    }

    private static long part(String digits) {
        if (digits == null) {
            return 0;
        }
        if (digits.length() > 9) {
            throw new IllegalArgumentException("duration out of range");
        }
        return Long.parseLong(digits);
    }
}
