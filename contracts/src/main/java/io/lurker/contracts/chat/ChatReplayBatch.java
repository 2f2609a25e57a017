package io.lurker.contracts.chat;

import java.time.Instant;
import java.util.List;

/**
 * Routing key {@code chat.replay.<video_id>}: VOD chat-replay comments, each a
 * {@link ChatMessage} with source {@code replay} and its {@link ReplayPosition}.
 * {@code complete} is true on the batch that ends the video's replay.
 */
public record ChatReplayBatch(int schema, String batchId, String videoId, String channelId, String channelLogin,
        Instant createdAt, List<ChatMessage> messages, boolean complete) {
}
