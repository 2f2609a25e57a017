package io.lurker.emulator.world;

import java.util.Locale;

/**
 * What a generated world is made from: a seed and a size. Presets: {@code tiny} (tests),
 * {@code small}, {@code default} (dev), {@code large} (load runs, 20,000 channels).
 */
public record WorldSpec(long seed, String size, int channels, int games, int teams, int clipsPerChannel,
                        int videosPerChannel, int historyDays) {

    public static WorldSpec preset(long seed, String size) {
        switch (size.toLowerCase(Locale.ROOT)) {
            case "tiny":
                return new WorldSpec(seed, "tiny", 120, 40, 4, 12, 6, 10);
            case "small":
                return new WorldSpec(seed, "small", 600, 48, 12, 25, 12, 21);
            case "default":
                return new WorldSpec(seed, "default", 3000, 60, 40, 30, 20, 30);
            case "large":
                return new WorldSpec(seed, "large", 20000, 80, 150, 20, 20, 30);
            default:
                throw new IllegalArgumentException("size must be tiny, small, default or large, not '" + size + "'");
        }
    }

    public WorldSpec with(Integer channels, Integer games, Integer teams, Integer clipsPerChannel, Integer videosPerChannel,
                          Integer historyDays) {
        WorldSpec spec = new WorldSpec(seed, size,
                channels != null ? channels : this.channels,
                games != null ? games : this.games,
                teams != null ? teams : this.teams,
                clipsPerChannel != null ? clipsPerChannel : this.clipsPerChannel,
                videosPerChannel != null ? videosPerChannel : this.videosPerChannel,
                historyDays != null ? historyDays : this.historyDays);
        spec.validate();
        return spec;
    }

    public void validate() {
        if (channels < 10 || channels > 50_000) {
            throw new IllegalArgumentException("channels must be between 10 and 50000");
        }
        if (games < 8) {
            throw new IllegalArgumentException("games must be at least 8");
        }
        if (teams < 0 || clipsPerChannel < 0 || videosPerChannel < 0) {
            throw new IllegalArgumentException("teams, clips and videos per channel cannot be negative");
        }
        if (historyDays < 1 || historyDays > 120) {
            throw new IllegalArgumentException("history days must be between 1 and 120");
        }
    }
}
