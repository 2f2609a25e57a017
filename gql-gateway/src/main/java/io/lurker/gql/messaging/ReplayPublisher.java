package io.lurker.gql.messaging;

import io.lurker.contracts.EventJson;
import io.lurker.contracts.RoutingKeys;
import io.lurker.contracts.chat.ChatReplayBatch;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Publishes chat-replay batches to {@code chat.replay.<video_id>} on the events exchange and
 * returns only once the broker confirmed them (publisher confirms), so progress is saved only
 * for what RabbitMQ holds.
 */
@ApplicationScoped
public class ReplayPublisher {

    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;

    public ReplayPublisher(@Channel("chat-replay") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void publish(ChatReplayBatch batch) {
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(batch);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a replay batch", e);
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(RoutingKeys.chatReplay(batch.videoId()))
                .withContentType("application/json")
                .withMessageId(batch.batchId())
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now())
                .build();
        emitter.sendMessage(Message.of(json, Metadata.of(metadata))).await().atMost(CONFIRM_TIMEOUT);
    }
}
