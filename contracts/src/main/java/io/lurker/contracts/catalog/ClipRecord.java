package io.lurker.contracts.catalog;

import java.time.Instant;

/**
 * A clip as Helix returns it. {@code videoId} is "" when the clip has no VOD;
 * {@code vodOffset} is null until the VOD exists.
 */
public record ClipRecord(
        String id,
        String url,
        String embedUrl,
        String broadcasterId,
        String broadcasterName,
        String creatorId,
        String creatorName,
        String videoId,
        String gameId,
        String language,
        String title,
        long viewCount,
        Instant createdAt,
        String thumbnailUrl,
        double durationSeconds,
        Integer vodOffset,
        boolean featured) {
}
