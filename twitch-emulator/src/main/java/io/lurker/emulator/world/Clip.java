package io.lurker.emulator.world;

import java.time.Duration;
import java.time.Instant;

/**
 * A clip. Views grow towards {@code finalViews} after creation ({@code 1 - e^(-age/growth)});
 * {@code vod_offset} is null until {@code vodOffsetDelay} after creation, and always when the
 * session keeps no archive (then {@code video_id} is "").
 */
public record Clip(
        String id,
        Channel broadcaster,
        Channel creator,
        Session session,
        Instant createdAt,
        int gameIndex,
        String title,
        long finalViews,
        Duration growth,
        double durationSeconds,
        boolean featured,
        int vodOffsetSeconds,
        Duration vodOffsetDelay) {

    public long viewsAt(Instant t) {
        if (t.isBefore(createdAt)) {
            return 0;
        }
        if (growth.isZero()) {
            return finalViews;
        }
        double age = Duration.between(createdAt, t).toSeconds();
        double share = 1 - Math.exp(-age / Math.max(1, growth.toSeconds()));
        return Math.min(finalViews, (long) Math.floor(finalViews * share) + 1);
    }

    public boolean visibleAt(Instant t) {
        return !createdAt.isAfter(t);
    }

    public String url() {
        return "https://clips.twitch.tv/" + id;
    }

    public String embedUrl() {
        return "https://clips.twitch.tv/embed?clip=" + id;
    }

    public String thumbnailUrl() {
        return "https://clips-media-assets2.twitch.tv/" + Long.toUnsignedString(Seeds.hash(id) >>> 20) + "-preview-480x272.jpg";
    }
}
