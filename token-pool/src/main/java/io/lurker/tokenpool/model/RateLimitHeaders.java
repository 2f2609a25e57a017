package io.lurker.tokenpool.model;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Twitch's {@code Ratelimit-Limit}, {@code Ratelimit-Remaining} and {@code Ratelimit-Reset}
 * (Unix epoch seconds when the bucket is full again). Absent or malformed headers are
 * empty: a response without them changes nothing.
 */
public record RateLimitHeaders(OptionalInt limit, OptionalInt remaining, Optional<Instant> reset) {

    public static final String LIMIT = "Ratelimit-Limit";
    public static final String REMAINING = "Ratelimit-Remaining";
    public static final String RESET = "Ratelimit-Reset";

    public RateLimitHeaders {
        limit = limit == null ? OptionalInt.empty() : limit;
        remaining = remaining == null ? OptionalInt.empty() : remaining;
        reset = reset == null ? Optional.empty() : reset;
    }

    public static RateLimitHeaders none() {
        return new RateLimitHeaders(OptionalInt.empty(), OptionalInt.empty(), Optional.empty());
    }

    /** From a header lookup such as {@code response::getHeaderString} (case-insensitive in HTTP clients). */
    public static RateLimitHeaders from(Function<String, String> header) {
        return parse(header.apply(LIMIT), header.apply(REMAINING), header.apply(RESET));
    }

    public static RateLimitHeaders parse(String limit, String remaining, String reset) {
        Optional<Instant> resetAt = Optional.empty();
        try {
            long seconds = reset == null ? -1 : Long.parseLong(reset.trim());
            if (seconds >= 0 && seconds < 100_000_000_000L) {
                resetAt = Optional.of(Instant.ofEpochSecond(seconds));
            }
        } catch (NumberFormatException e) {
            // malformed: ignored like an absent header
        }
        return new RateLimitHeaders(nonNegative(limit), nonNegative(remaining), resetAt);
    }

    public boolean isEmpty() {
        return limit.isEmpty() && remaining.isEmpty() && reset.isEmpty();
    }

    private static OptionalInt nonNegative(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            long parsed = Long.parseLong(value.trim());
            return parsed < 0 || parsed > Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of((int) parsed);
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
