package io.lurker.helix.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Strict reads of the fields of one Helix row ({@code path} names the endpoint in errors).
 * Twitch writes an absent optional text as {@code ""} and an absent object as {@code null}; a
 * required field is never absent, so a missing, null, empty or wrongly typed one is a
 * {@link MalformedHelixAnswer} instead of a 0, an empty id or no time.
 */
public final class HelixFields {

    private HelixFields() {
    }

    /** A non-empty string (ids, logins). */
    public static String id(String path, JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedHelixAnswer(path, field, value.isTextual() ? "empty" : shape(value, "a string"));
        }
        return value.asText();
    }

    /** An optional text: absent or null as {@code absent}; any other type than a string refused. */
    public static String text(String path, JsonNode row, String field, String absent) {
        JsonNode value = row.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (!value.isTextual()) {
            throw new MalformedHelixAnswer(path, field, shape(value, "a string"));
        }
        return value.asText();
    }

    /** A whole number ≥ 0 that fits a long (view and viewer counts). */
    public static long count(String path, JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new MalformedHelixAnswer(path, field, value.isIntegralNumber() ? "out of range" : shape(value, "a whole number"));
        }
        return value.asLong();
    }

    /** {@link #count} that fits an int. */
    public static int intCount(String path, JsonNode row, String field) {
        long value = count(path, row, field);
        if (value > Integer.MAX_VALUE) {
            throw new MalformedHelixAnswer(path, field, "out of range");
        }
        return (int) value;
    }

    /** A number ≥ 0 (clip durations in seconds, with a fraction). */
    public static double seconds(String path, JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
            throw new MalformedHelixAnswer(path, field, value.isNumber() ? "out of range" : shape(value, "a number"));
        }
        return value.asDouble();
    }

    /** A required RFC 3339 time. */
    public static Instant time(String path, JsonNode row, String field) {
        Instant time = optionalTime(path, row, field);
        if (time == null) {
            throw new MalformedHelixAnswer(path, field, shape(row.path(field), "an RFC 3339 time"));
        }
        return time;
    }

    /** An RFC 3339 time; absent, null or {@code ""} as null; any other text or type refused. */
    public static Instant optionalTime(String path, JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (value.isMissingNode() || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MalformedHelixAnswer(path, field, shape(value, "an RFC 3339 time"));
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new MalformedHelixAnswer(path, field, "not an RFC 3339 time");
        }
    }

    /** A flag; absent or null as false. */
    public static boolean flag(String path, JsonNode row, String field) {
        JsonNode value = row.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new MalformedHelixAnswer(path, field, shape(value, "a boolean"));
        }
        return value.asBoolean();
    }

    /** What the value is instead of {@code expected}, without the value itself. */
    static String shape(JsonNode value, String expected) {
        String got = value.isMissingNode() ? "missing" : value.isNull() ? "null" : "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        return value.isMissingNode() || value.isNull() ? got + " (expected " + expected + ")"
                : "not " + expected + " but " + got;
    }
}
