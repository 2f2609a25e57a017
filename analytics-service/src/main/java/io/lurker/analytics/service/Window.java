package io.lurker.analytics.service;

import io.lurker.tokenpool.problem.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * A half-open time range [from, to). {@code from} takes a preset ({@code today}, {@code 7d},
 * {@code 30d}, {@code 90d}) or an RFC 3339 time; {@code to} an RFC 3339 time or {@code now}.
 */
public record Window(Instant from, Instant to) {

    public static final String PRESETS = "today, 7d, 30d, 90d";
    /** Times outside these bounds cannot be data of Twitch's and overflow SQL timestamps. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public static Window parse(String from, String to, String defaultFrom, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant end = to == null || to.isBlank() || "now".equals(to) ? now : time("to", to);
        String start = from == null || from.isBlank() ? defaultFrom : from;
        Instant begin = switch (start) {
            case "today" -> LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
            case "7d" -> end.minus(Duration.ofDays(7));
            case "30d" -> end.minus(Duration.ofDays(30));
            case "90d" -> end.minus(Duration.ofDays(90));
            default -> time("from", start);
        };
        if (!end.isAfter(begin)) {
            throw ProblemException.badParameter("to", "must be after from (" + begin + ")");
        }
        if (Duration.between(begin, end).toDays() > 3660) {
            throw ProblemException.badParameter("from", "must be at most ten years before to");
        }
        return new Window(begin, end);
    }

    /** The buckets of this window at a granularity, refused when more than {@code maxPoints}. */
    public long buckets(Granularity granularity, int maxPoints) {
        long start = Math.floorDiv(from.getEpochSecond(), granularity.seconds());
        long end = Math.floorDiv(to.getEpochSecond() - 1, granularity.seconds());
        long buckets = end - start + 1;
        if (buckets > maxPoints) {
            throw ProblemException.badParameter("granularity", "gives " + buckets + " points over this range; at most "
                    + maxPoints + " are allowed: choose a coarser granularity or a shorter range");
        }
        return buckets;
    }

    /** The start of every bucket of this window at a granularity (epoch-aligned, UTC). */
    public java.util.List<Instant> bucketStarts(Granularity granularity) {
        long g = granularity.seconds();
        java.util.List<Instant> starts = new java.util.ArrayList<>();
        for (long s = Math.floorDiv(from.getEpochSecond(), g) * g; s < to.getEpochSecond(); s += g) {
            starts.add(Instant.ofEpochSecond(s));
        }
        return starts;
    }

    /** Seconds of the bucket starting at {@code start} that lie inside this window. */
    public double secondsWithin(Instant start, Granularity granularity) {
        long s = start.getEpochSecond();
        return Math.min(s + granularity.seconds(), to.getEpochSecond()) - Math.max(s, from.getEpochSecond());
    }

    public Duration length() {
        return Duration.between(from, to);
    }

    /** The window of the same length that ends where this one starts. */
    public Window previous() {
        return new Window(from.minus(length()), from);
    }

    private static Instant time(String parameter, String value) {
        try {
            Instant time = OffsetDateTime.parse(value).toInstant();
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                throw ProblemException.badParameter(parameter, "must lie between " + EARLIEST + " and " + LATEST);
            }
            return time;
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter(parameter, "must be " + ("from".equals(parameter) ? "one of "
                    + PRESETS + " or " : "'now' or ") + "an RFC 3339 time such as 2026-03-01T00:00:00Z, not '"
                    + abbreviate(value) + "'");
        }
    }

    static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
