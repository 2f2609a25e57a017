package io.lurker.chat.messaging;

import java.time.Instant;

/**
 * A closed batch ready for the exchange: its routing key and the JSON body of a
 * {@code ChatMessageBatch} or {@code ChatEventBatch}.
 *
 * @param records   how many messages or events it holds
 * @param createdAt when the batch was closed
 */
public record OutboundBatch(String batchId, String routingKey, int records, Instant createdAt, byte[] body) {
}
