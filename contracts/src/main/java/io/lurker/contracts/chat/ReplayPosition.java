package io.lurker.contracts.chat;

/** Where in a VOD a replayed comment was shown. */
public record ReplayPosition(String videoId, int contentOffsetSeconds) {
}
