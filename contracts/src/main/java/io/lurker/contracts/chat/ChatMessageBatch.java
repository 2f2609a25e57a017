package io.lurker.contracts.chat;

import java.time.Instant;
import java.util.List;

/**
 * Routing key {@code chat.message.<channel>} (and {@code chat.replay.<video_id>} for replay).
 * {@code batchId} is unique per batch; consumers dedupe on the messages' ids, not on it.
 */
public record ChatMessageBatch(int schema, String batchId, String channelLogin, Instant createdAt,
        List<ChatMessage> messages) {
}
