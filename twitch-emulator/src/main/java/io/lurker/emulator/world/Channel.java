package io.lurker.emulator.world;

import java.time.Instant;
import java.util.List;

/**
 * A user who is also a channel (every user of the world has a channel). {@code index} is the
 * position in {@link WorldData#channels()} and keys every per-channel random generator
 * ({@code Seeds.random(seed, domain, index)}). {@code popularity} is the typical live
 * viewer count; {@code habit} is null for fixture channels (they stream only as the fixture says).
 */
public record Channel(
        int index,
        String id,
        String login,
        String displayName,
        String broadcasterType,
        String description,
        Instant createdAt,
        String language,
        List<String> tags,
        double popularity,
        int mainGame,
        List<Integer> otherGames,
        long followerBase,
        double followersPerHour,
        boolean archivesVods,
        int vodLimit,
        double clipsPerLiveHour,
        StreamHabit habit,
        ChannelSchedule schedule,
        boolean brandedContent) {

    public String profileImageUrl() {
        return "https://static-cdn.jtvnw.net/jtv_user_pictures/" + login + "-profile_image-300x300.png";
    }

    public String offlineImageUrl() {
        return broadcasterType.isEmpty() ? ""
                : "https://static-cdn.jtvnw.net/jtv_user_pictures/" + login + "-channel_offline_image-1920x1080.png";
    }

    public String url() {
        return "https://www.twitch.tv/" + login;
    }

    public boolean isPartnerOrAffiliate() {
        return !broadcasterType.isEmpty();
    }
}
