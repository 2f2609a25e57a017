package io.lurker.emulator.world;

import java.time.Instant;

/** One follower of a channel: a viewer account of the world (not a channel) and when it followed. */
public record FollowerRow(String userId, String login, String displayName, Instant followedAt) {
}
