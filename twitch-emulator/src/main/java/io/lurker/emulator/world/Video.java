package io.lurker.emulator.world;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A video: the {@code archive} of a session (its duration grows while the session is live),
 * a {@code highlight} or an {@code upload} (fixed duration).
 */
public record Video(
        String id,
        Channel owner,
        String type,
        Session session,
        Instant createdAt,
        Instant publishedAt,
        long fixedDurationSeconds,
        String title,
        String description,
        long finalViews,
        List<MutedSegment> mutedSegments,
        int gameIndex) {

    public boolean visibleAt(Instant t) {
        return !createdAt.isAfter(t);
    }

    public long durationSecondsAt(Instant t) {
        if (session != null && "archive".equals(type)) {
            return session.lengthAt(t).toSeconds();
        }
        return fixedDurationSeconds;
    }

    public long viewsAt(Instant t) {
        if (t.isBefore(createdAt)) {
            return 0;
        }
        double ageHours = Duration.between(createdAt, t).toSeconds() / 3600.0;
        return Math.round(finalViews * (1 - Math.exp(-ageHours / 36.0)));
    }

    public String url() {
        return "https://www.twitch.tv/videos/" + id;
    }

    public String thumbnailUrl() {
        return "https://static-cdn.jtvnw.net/cf_vods/d2nvs31859zcd8/" + owner.login() + "_" + id + "/thumb/thumb0-%{width}x%{height}.jpg";
    }

    /** Twitch's duration form: {@code 11h47m32s}, {@code 3m21s}, {@code 45s}. */
    public static String formatDuration(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        if (m > 0) {
            return m + "m" + s + "s";
        }
        return s + "s";
    }
}
