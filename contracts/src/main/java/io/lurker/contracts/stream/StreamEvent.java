package io.lurker.contracts.stream;

import java.time.Instant;

/**
 * Routing key {@code stream.event}. {@code id} is the natural key, derived from what changed
 * (e.g. {@code <streamId>:online}) so that two collectors noticing the same change produce
 * the same id. For changes, the {@code previous*} fields hold the values before.
 */
public record StreamEvent(
        int schema,
        String id,
        StreamEventKind kind,
        String channelId,
        String channelLogin,
        String streamId,
        Instant at,
        String gameId,
        String gameName,
        String title,
        String previousGameId,
        String previousGameName,
        String previousTitle) {
}
