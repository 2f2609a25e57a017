package io.lurker.emulator.world;

/** A channel live at the snapshot's instant, with its current segment and viewer count. */
public record LiveStream(Session session, Channel channel, Segment segment, int viewers) {

    public String thumbnailUrl() {
        return "https://static-cdn.jtvnw.net/previews-ttv/live_user_" + channel.login() + "-{width}x{height}.jpg";
    }
}
