package io.lurker.contracts.chat;

import java.time.Instant;
import java.util.List;

/** Routing key {@code chat.event.<channel>}. */
public record ChatEventBatch(int schema, String batchId, String channelLogin, Instant createdAt,
        List<ChatEvent> events) {
}
