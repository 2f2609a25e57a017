package io.lurker.analytics.messaging;

import io.smallrye.reactive.messaging.rabbitmq.IncomingRabbitMQMetadata;
import io.smallrye.reactive.messaging.rabbitmq.OutgoingRabbitMQMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends a poison message to its queue's dead-letter queue with the reason in headers
 * ({@code x-lurker-reason}, {@code x-lurker-routing-key}, {@code x-lurker-queue}). The broker's own
 * dead-lettering (rejects, delivery limit) cannot say why, so poison is published here.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String REASON_HEADER = "x-lurker-reason";
    public static final String ROUTING_KEY_HEADER = "x-lurker-routing-key";
    public static final String QUEUE_HEADER = "x-lurker-queue";

    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);
    private static final int MAX_REASON = 1000;

    private final Emitter<byte[]> emitter;

    public DeadLetterPublisher(@Channel("dead-letters") Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes once the broker confirmed the dead letter. */
    public CompletionStage<Void> send(String queue, Message<byte[]> original, String reason) {
        String routingKey = original.getMetadata(IncomingRabbitMQMetadata.class)
                .map(IncomingRabbitMQMetadata::getRoutingKey).orElse("");
        String shortReason = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        LOG.warnf("Poison message from %s (routing key %s) dead-lettered: %s", queue, routingKey, shortReason);
        OutgoingRabbitMQMetadata metadata = OutgoingRabbitMQMetadata.builder()
                .withRoutingKey(queue)
                .withContentType("application/json")
                .withDeliveryMode(2)
                .withTimestamp(ZonedDateTime.now(ZoneOffset.UTC))
                .withHeader(REASON_HEADER, shortReason)
                .withHeader(ROUTING_KEY_HEADER, routingKey)
                .withHeader(QUEUE_HEADER, queue)
                .build();
        byte[] body = original.getPayload() == null ? new byte[0] : original.getPayload();
        return ConfirmedSend.send(emitter, body, metadata);
    }
}
