package io.lurker.contracts.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A channel's profile and follower total as sampled at {@code sampledAt}. Follower-total
 * samples over time give followers gained. Null means "not fetched this time", never zero.
 *
 * @param broadcasterType partner, affiliate or "" (Twitch's values)
 * @param hasSchedule     false when Helix answered 404 for the schedule
 */
public record ChannelRecord(
        String channelId,
        String login,
        String displayName,
        String broadcasterType,
        String description,
        String profileImageUrl,
        Instant createdAt,
        String language,
        String gameId,
        String gameName,
        String title,
        List<String> tags,
        Long followersTotal,
        List<TeamRef> teams,
        Boolean hasSchedule,
        Instant sampledAt) {

    /** A team the channel belongs to. */
    public record TeamRef(String id, String name, String displayName) {
    }
}
