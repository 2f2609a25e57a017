package io.lurker.contracts.chat;

/**
 * Where a shared-chat message was first sent. A mirrored message has
 * {@code sourceRoomId ≠ room id}; {@code sourceMessageId} identifies it across channels.
 */
public record SharedChatOrigin(String sourceMessageId, String sourceRoomId) {
}
