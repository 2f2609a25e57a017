package io.lurker.helix.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lurker.contracts.EventJson;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Publishes one event (a contracts record as JSON) to the events exchange and returns only
 * when the broker confirmed it (publisher confirms); a refusal or a timeout throws, so the
 * caller keeps the batch and retries it.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(20);

    private final MutinyEmitter<String> emitter;

    public EventPublisher(@Channel("events") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    /** One outgoing event: routing key, natural id (message id) and the record. */
    public record OutgoingEvent(String routingKey, String messageId, Object payload) {
    }

    public void publish(OutgoingEvent event) {
        String json;
        try {
            json = JSON.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.routingKey() + " event", e);
        }
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(event.routingKey())
                .withContentType("application/json")
                .withMessageId(event.messageId())
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now())
                .build();
        emitter.sendMessage(Message.of(json, Metadata.of(metadata))).await().atMost(CONFIRM_TIMEOUT);
        LOG.debugf("Published %s %s", event.routingKey(), event.messageId());
    }
}
