package io.lurker.gql.support;

import io.lurker.contracts.EventJson;
import io.lurker.contracts.chat.ChatReplayBatch;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A consumer of the test exchange's chat.replay.# through the real broker: what analytics would receive. */
@ApplicationScoped
public class ReplayProbe {

    /** A received batch with its routing key. */
    public record Received(String routingKey, ChatReplayBatch batch, String contentType) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @Incoming("replay-probe")
    public CompletionStage<Void> receive(Message<Object> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
        try {
            // the connector hands JSON bodies over as Vert.x JSON, others as bytes or text
            Object payload = message.getPayload();
            String json = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : payload instanceof io.vertx.core.buffer.Buffer buffer ? buffer.toString(StandardCharsets.UTF_8)
                    : payload instanceof io.vertx.core.json.JsonObject object ? object.encode() : String.valueOf(payload);
            ChatReplayBatch batch = EventJson.mapper().readValue(json, ChatReplayBatch.class);
            received.add(new Received(metadata.getRoutingKey(), batch, metadata.getContentType().orElse(null)));
        } catch (Exception e) {
            return message.nack(e);
        }
        return message.ack();
    }

    public List<Received> received() {
        return received;
    }

    public void clear() {
        received.clear();
    }
}
