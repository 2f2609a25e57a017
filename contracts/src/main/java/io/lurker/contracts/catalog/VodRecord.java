package io.lurker.contracts.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A video (VOD) as Helix returns it, with its duration parsed.
 *
 * @param duration        Twitch's form, e.g. {@code 11h47m32s}
 * @param durationSeconds the same in seconds
 * @param mutedSegments   empty when none (Helix sends null)
 * @param chapters        null when unknown (only GraphQL knows them)
 */
public record VodRecord(
        String id,
        String streamId,
        String userId,
        String userLogin,
        String userName,
        String title,
        String description,
        Instant createdAt,
        Instant publishedAt,
        String url,
        String thumbnailUrl,
        String viewable,
        long viewCount,
        String language,
        String type,
        String duration,
        long durationSeconds,
        List<MutedSegment> mutedSegments,
        List<VodChapter> chapters) {

    /** A muted stretch of the VOD: offset and duration in seconds. */
    public record MutedSegment(int offset, int duration) {
    }

    /** A chapter ("moment") of the VOD: a stretch spent in one game. */
    public record VodChapter(int positionSeconds, int durationSeconds, String gameId, String gameName,
            String description) {
    }
}
