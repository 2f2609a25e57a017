package io.lurker.emulator.helix;

import io.lurker.emulator.auth.AccessToken;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** A Helix call's query parameters (repeated keys are lists) and the caller's token, with Twitch's validation. */
public final class HelixRequest {

    private final MultiMap params;
    private final AccessToken token;

    public HelixRequest(MultiMap params, AccessToken token) {
        this.params = params;
        this.token = token;
    }

    public AccessToken token() {
        return token;
    }

    /** Every non-empty value of a repeated parameter ({@code id=1&id=2}). */
    public List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String value : params.getAll(name)) {
            if (value != null && !value.isBlank()) {
                values.add(value.trim());
            }
        }
        return values;
    }

    public String one(String name) {
        List<String> values = all(name);
        return values.isEmpty() ? null : values.get(0);
    }

    public boolean has(String name) {
        return one(name) != null;
    }

    public String required(String name) {
        String value = one(name);
        if (value == null) {
            throw HelixException.missing(name);
        }
        return value;
    }

    /** Page size: {@code first} between 1 and {@code max}, {@code def} when absent. */
    public int first(int def, int max) {
        String value = one("first");
        if (value == null) {
            return def;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw HelixException.malformed("first", "the value must be an integer");
        }
        if (n < 1) {
            throw HelixException.malformed("first", "the value must be greater than or equal to 1");
        }
        if (n > max) {
            throw HelixException.malformed("first", "the value must be less than or equal to " + max);
        }
        return n;
    }

    public Boolean bool(String name) {
        String value = one(name);
        if (value == null) {
            return null;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw HelixException.malformed(name, "the value must be a boolean (true or false)");
    }

    /** An RFC 3339 instant (any offset), or null when absent. */
    public Instant time(String name) {
        String value = one(name);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw HelixException.malformed(name, "the value must be an RFC3339 timestamp");
        }
    }

    public String oneOf(String name, String def, String... allowed) {
        String value = one(name);
        if (value == null) {
            return def;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw HelixException.malformed(name, "the value must be one of \"" + String.join("\", \"", allowed) + "\"");
    }

    /** Checks that the listed parameters together carry at most {@code max} values. */
    public void atMost(int max, String... names) {
        int total = 0;
        for (String name : names) {
            total += all(name).size();
            if (total > max) {
                throw HelixException.malformed(name, "the value must be less than or equal to " + max);
            }
        }
    }
}
