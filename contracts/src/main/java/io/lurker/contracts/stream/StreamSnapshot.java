package io.lurker.contracts.stream;

import java.time.Instant;
import java.util.List;

/** One live stream as one poll saw it (a row of Helix {@code GET /streams}). */
public record StreamSnapshot(
        String channelId,
        String channelLogin,
        String channelName,
        String streamId,
        int viewerCount,
        String gameId,
        String gameName,
        String title,
        String language,
        Instant startedAt,
        List<String> tags) {
}
