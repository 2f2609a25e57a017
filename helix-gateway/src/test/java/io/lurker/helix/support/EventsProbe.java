package io.lurker.helix.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.lurker.contracts.EventJson;
import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A consumer of the test exchange's stream.# and catalog.# through the real broker: what analytics would receive. */
@ApplicationScoped
public class EventsProbe {

    /** A received event: routing key, message id and JSON body. */
    public record Received(String routingKey, String messageId, JsonNode body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();

    @Incoming("events-probe")
    public CompletionStage<Void> receive(Message<Object> message) {
        IncomingRabbitMQMetadata metadata = message.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
        try {
            Object payload = message.getPayload();
            String json = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                    : payload instanceof io.vertx.core.buffer.Buffer buffer ? buffer.toString(StandardCharsets.UTF_8)
                    : payload instanceof io.vertx.core.json.JsonObject object ? object.encode() : String.valueOf(payload);
            received.add(new Received(metadata.getRoutingKey(), metadata.getMessageId().orElse(null), EventJson.mapper().readTree(json)));
        } catch (Exception e) {
            return message.nack(e);
        }
        return message.ack();
    }

    public List<Received> of(String routingKey) {
        return received.stream().filter(r -> r.routingKey().equals(routingKey)).toList();
    }

    public void clear() {
        received.clear();
    }
}
