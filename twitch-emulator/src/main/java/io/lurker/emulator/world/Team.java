package io.lurker.emulator.world;

import java.time.Instant;
import java.util.List;

/** A team of channels. */
public record Team(String id, String name, String displayName, String info, Instant createdAt, Instant updatedAt,
                   List<Channel> members) {

    public String thumbnailUrl() {
        return "https://static-cdn.jtvnw.net/jtv_user_pictures/team-" + name + "-team_logo_image-600x600.png";
    }

    public String backgroundImageUrl() {
        return "https://static-cdn.jtvnw.net/jtv_user_pictures/team-" + name + "-background_image-1920x1080.png";
    }

    public String banner() {
        return "https://static-cdn.jtvnw.net/jtv_user_pictures/team-" + name + "-banner_image-1200x380.png";
    }
}
